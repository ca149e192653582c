import { formatDate, formatMoney, formatNumber } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import { Facts, When } from './facts';
import { useProgramme, useTier } from './queries';
import type { TierMetric, TierProgress } from './types';

/** The tier metric in its unit: spend is money in the programme currency. */
const useMetricFormat = () => {
  const programme = useProgramme();
  const currency = programme.data?.currency;
  return (metric: TierMetric, value: number) => {
    if (metric === 'spend')
      return currency ? formatMoney(value, currency) : `${formatNumber(value)} (minor units)`;
    return `${formatNumber(value)} ${metric === 'orders' ? 'orders' : 'points'}`;
  };
};

const span = (from: string, to: string) => (
  <>
    <When iso={from}>{formatDate(from)}</When> – <When iso={to}>{formatDate(to)}</When>
  </>
);

const Progress = ({ t, metric }: { t: TierProgress; metric: TierMetric }) => {
  const format = useMetricFormat();
  const { next, toKeep } = t;
  return (
    <>
      <Facts
        facts={[
          {
            term: 'Current tier',
            value: t.tier ? t.tier.name : 'No tier yet',
            label: 'Current tier',
          },
          {
            term: 'Member since',
            value: t.since ? <When iso={t.since}>{formatDate(t.since)}</When> : '–',
          },
          {
            term: `Qualifying ${metric}`,
            value: (
              <>
                {format(metric, t.value)}
                {t.windowStart && t.windowEnd && (
                  <span className="muted"> ({span(t.windowStart, t.windowEnd)})</span>
                )}
              </>
            ),
          },
        ]}
      />
      {next ? (
        <div className="c360-tier-progress">
          <label>
            Progress to {next.name}
            <progress max={100} value={next.percent}>
              {next.percent} %
            </progress>
          </label>
          <p>
            {format(metric, t.value)} of {format(metric, next.threshold)} ({next.percent} %) —{' '}
            {next.remaining > 0
              ? `${format(metric, next.remaining)} to go`
              : 'reached; the move up happens with the member’s next earning'}
          </p>
        </div>
      ) : (
        t.tier && <p>{t.tier.name} is the top tier.</p>
      )}
      {t.tier && (
        <>
          <h3>To keep {t.tier.name}</h3>
          {toKeep ? (
            <p>
              {format(metric, toKeep.value)} of {format(metric, toKeep.threshold)} in{' '}
              {span(toKeep.windowStart, toKeep.windowEnd)}:{' '}
              {toKeep.remaining > 0
                ? `${format(metric, toKeep.remaining)} still needed`
                : 'already enough'}
              {t.reviewAt && (
                <>
                  ; reviewed on <When iso={t.reviewAt}>{formatDate(t.reviewAt)}</When>
                </>
              )}
              .
            </p>
          ) : (
            <p className="muted">No review is scheduled for this tier.</p>
          )}
          {t.tier.benefits.length > 0 && (
            <>
              <h3>Benefits</h3>
              <ul>
                {t.tier.benefits.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </>
  );
};

export const TierPanel = ({ customerId }: { customerId: string }) => {
  const tier = useTier(customerId);
  return (
    <Panel title="Tier">
      <Loaded query={tier} what="tier">
        {(t) =>
          // No policy, or a policy with an empty list of tiers: nothing to hold or reach.
          t.metric === null || (t.tier === null && t.next === null) ? (
            <Empty>This programme has no tiers.</Empty>
          ) : (
            <Progress t={t} metric={t.metric} />
          )
        }
      </Loaded>
    </Panel>
  );
};
