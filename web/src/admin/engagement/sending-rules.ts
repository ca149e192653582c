/**
 * The sending rules an editor may change on the Campaigns page, checked before they are sent so
 * each field says what is wrong in words (the API checks the same bounds and stays the judge).
 */
export interface SendingRulesInput {
  maxMarketingPerWindow: string;
  windowDays: string;
  globalControlPercent: string;
}

export interface SendingRules {
  maxMarketingPerWindow: number;
  windowDays: number;
  globalControlPercent: number;
}

export type SendingRulesCheck =
  | { ok: true; rules: SendingRules }
  | { ok: false; issues: Partial<Record<keyof SendingRules, string>> };

const wholeNumber = (text: string, min: number, max: number, what: string) => {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) return { error: `Enter ${what}.` };
  if (!Number.isInteger(value)) return { error: 'Use a whole number.' };
  if (value < min || value > max) return { error: `Between ${min} and ${max}.` };
  return { value };
};

export const checkSendingRules = (input: SendingRulesInput): SendingRulesCheck => {
  const issues: Partial<Record<keyof SendingRules, string>> = {};
  const max = wholeNumber(input.maxMarketingPerWindow, 0, 1000, 'how many e-mails');
  const days = wholeNumber(input.windowDays, 1, 365, 'a number of days');
  if ('error' in max) issues.maxMarketingPerWindow = max.error;
  if ('error' in days) issues.windowDays = days.error;

  const text = input.globalControlPercent.trim().replace(',', '.');
  const percent = Number(text);
  if (text === '' || !Number.isFinite(percent)) {
    issues.globalControlPercent = 'Enter a percentage (0 for no control group).';
  } else if (percent < 0 || percent > 50) {
    issues.globalControlPercent = 'Between 0 and 50 percent.';
  } else if (Math.abs(percent * 10 - Math.round(percent * 10)) > 1e-9) {
    issues.globalControlPercent = 'At most one decimal place, such as 5 or 2.5.';
  }
  if ('error' in max || 'error' in days || issues.globalControlPercent)
    return { ok: false, issues };
  return {
    ok: true,
    rules: {
      maxMarketingPerWindow: max.value,
      windowDays: days.value,
      globalControlPercent: Math.round(percent * 10) / 10,
    },
  };
};
