import type { I18n } from './i18n';
import { fill, type BenefitKind } from './i18n/messages';

export interface BenefitFields {
  kind: BenefitKind;
  value: number | null;
  valueMinor: number | null;
  currency: string | null;
}

/** "10% off", "£5.00 off", "Free sample": what a reward or coupon gives, in the member's words. */
export const benefitText = (benefit: BenefitFields, i18n: I18n, programmeCurrency: string) => {
  const { t } = i18n;
  if (benefit.kind === 'percent_discount')
    return fill(t.benefit.percent_discount, { value: i18n.number(benefit.value ?? 0) });
  if (benefit.kind === 'fixed_discount')
    return fill(t.benefit.fixed_discount, {
      amount: i18n.money(benefit.valueMinor ?? 0, benefit.currency ?? programmeCurrency),
    });
  return t.benefit[benefit.kind];
};
