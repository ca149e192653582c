import { TEMPLATE_LOCALES } from '../../../../src/core/shared/locales';

export const LOCALE_SUGGESTIONS_ID = 'customer-locale-suggestions';

/**
 * The languages the product knows, offered under a customer's locale field; any BCP 47 tag may
 * still be typed (a customer's `pt-BR` picks the template version closest to it).
 */
export const LocaleSuggestions = () => (
  <datalist id={LOCALE_SUGGESTIONS_ID}>
    {TEMPLATE_LOCALES.map((tag) => (
      <option key={tag} value={tag} />
    ))}
  </datalist>
);
