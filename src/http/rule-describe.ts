import type { ProgrammeSettings } from '../core/programme/programme.js';
import type { DescribeContext } from '../core/rules/rules.describe.js';
import { currencyExponent } from '../core/shared/money.js';
import { ruleVocabulary } from '../app/rules.js';
import type { AppContext } from './context.js';

/** The programme's currency and zone, and the names of tiers, segments and rewards rules name. */
export const describeContextOf = async (
  c: AppContext,
  programme: ProgrammeSettings,
): Promise<DescribeContext> => ({
  currency: programme.currency,
  currencyExponent: currencyExponent(programme.currency),
  timeZone: programme.timeZone,
  names: await ruleVocabulary(c.var.db),
});
