import { ClvSettingsSchema } from '../../core/analytics/clv-refresh.js';
import { systemClock } from '../../core/shared/clock.js';
import { startOfLocalDay } from '../../core/shared/zoned-time.js';
import { customerAnalyticsStore, refreshAnalyticsIn } from '../../app/analytics.js';
import { ReportOptionError, parseOptions, type ReportContext } from './report-options.js';

/** What the RFM and CLV reports read, and their refresh before reading. */
export const analyticsDeps = (ctx: ReportContext) => ({
  analytics: customerAnalyticsStore(ctx.db),
  clock: systemClock,
  programme: ctx.programme,
});

/** A date means the end of that day in the programme's calendar; an instant is taken as is. */
export const asOfInstant = (asOf: string | undefined, timeZone: string): Date | undefined => {
  if (asOf === undefined) return undefined;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  const at = day
    ? new Date(
        startOfLocalDay(Number(day[1]), Number(day[2]), Number(day[3]) + 1, timeZone).getTime() - 1,
      )
    : new Date(asOf);
  if (Number.isNaN(at.getTime()))
    throw new ReportOptionError('--as-of: a date (YYYY-MM-DD) or an ISO instant');
  return at;
};

export const refresh = async (
  ctx: ReportContext,
  clv: Record<string, unknown> | false,
  asOf?: string,
) => {
  process.stderr.write('refreshing RFM, lifecycle stages and CLV…\n');
  const at = asOfInstant(asOf, ctx.programme.timeZone);
  const result = await refreshAnalyticsIn(ctx.db, systemClock, {
    clv: clv === false ? false : parseOptions(ClvSettingsSchema.partial(), clv),
    ...(at ? { asOf: at } : {}),
  });
  process.stderr.write(
    `refreshed ${result.customers} customers (${result.withPurchases} with purchases) in ${result.durationMs} ms; CLV ${result.clv.status}${result.clv.reason ? `: ${result.clv.reason}` : ''}\n`,
  );
  return result;
};
