/** Display helpers. Amounts arrive as integers in minor units; points are integers. */
export const formatNumber = (value: number, locale?: string) =>
  new Intl.NumberFormat(locale).format(value);

export const formatMoney = (minor: number, currency: string, locale?: string) => {
  const digits =
    new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    minor / 10 ** digits,
  );
};

export const formatPercent = (value: number | null | undefined, digits = 1, locale?: string) =>
  value === null || value === undefined
    ? '–'
    : `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} %`;

export const formatDate = (iso: string, locale?: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));

export const formatDateTime = (iso: string, locale?: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );

/** Change of `current` against `previous`, in percent; null when there is nothing to compare. */
export const changePercent = (current: number, previous: number): number | null =>
  previous === 0 ? null : ((current - previous) / Math.abs(previous)) * 100;
