import type { Customer } from './types';

/** How a person is named on screen: their name, else their e-mail, else an external id. */
export const displayName = (c: Customer): string => {
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  if (name) return name;
  if (c.email) return c.email;
  const external = c.externalIds[0];
  return external ? `${external.source} ${external.id}` : c.id;
};

/**
 * The one way every page names a customer: their name (or e-mail) and their first external id,
 * "Ann Lee · shopify 1001", so a manager can find them in the shop or till. The internal id only
 * when the record has nothing else (an erased customer).
 */
export const customerLabel = (
  c: Pick<Customer, 'id' | 'firstName' | 'lastName' | 'email' | 'externalIds'>,
): string => {
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email;
  const external = c.externalIds[0];
  const externalText = external ? `${external.source} ${external.id}` : null;
  if (name && externalText) return `${name} · ${externalText}`;
  return name ?? externalText ?? c.id;
};

/** Whether the customer has a real name (otherwise the table marks the fallback as such). */
export const hasName = (c: Customer) => Boolean(c.firstName || c.lastName);

// The API's codes in words. Unknown codes (a newer server) fall back to the code with spaces.
const WORDS: Record<string, string> = {
  champions: 'Champions',
  loyal: 'Loyal',
  potential_loyalist: 'Potential loyalists',
  new: 'New',
  promising: 'Promising',
  need_attention: 'Need attention',
  about_to_sleep: 'About to sleep',
  at_risk: 'At risk',
  cannot_lose: 'Can’t lose them',
  hibernating: 'Hibernating',
  lost: 'Lost',
  prospect: 'Prospect',
  active: 'Active',
  lapsed: 'Lapsed',
};

export const words = (code: string | null): string =>
  code === null ? '–' : (WORDS[code] ?? code.replace(/[_.]/g, ' '));

/** A calendar date (YYYY-MM-DD, no time zone) formatted without shifting it by the browser's zone. */
export const formatCalendarDate = (day: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
