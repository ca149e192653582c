import { formatDate, formatMoney, formatNumber, formatPercent } from '../../shared/format';
import { Loaded, Panel } from '../ui';
import { Facts, When, type Fact } from './facts';
import { words } from './names';
import { useAnalytics } from './queries';
import type { CustomerAnalytics } from './types';

const money = (minor: number | null, currency: string) =>
  minor === null ? '–' : formatMoney(minor, currency);

const date = (iso: string | null) => (iso ? <When iso={iso}>{formatDate(iso)}</When> : '–');

/** P(alive) as a bar and a number: the number carries the meaning, the bar only helps the eye. */
const AliveGauge = ({ p }: { p: number }) => (
  <span className="c360-gauge">
    <meter min={0} max={1} low={0.3} high={0.7} optimum={1} value={p} aria-label="P(alive)" />{' '}
    {formatPercent(p * 100)}
  </span>
);

const clvFacts = (a: CustomerAnalytics): Fact[] =>
  a.clv
    ? [
        { term: 'P(alive)', value: <AliveGauge p={a.clv.pAlive} /> },
        { term: 'Customer lifetime value', value: money(a.clv.clvMinor, a.currency) },
        {
          term: 'Expected purchases',
          value: formatNumber(Math.round(a.clv.expectedPurchases * 100) / 100),
        },
        {
          term: 'Expected spend per purchase',
          value: money(a.clv.expectedSpendMinor ?? null, a.currency),
        },
        { term: 'CLV computed', value: date(a.clv.computedAt) },
      ]
    : [{ term: 'Customer lifetime value', value: 'No CLV model covers this customer yet.' }];

const Computed = ({ a }: { a: CustomerAnalytics }) => (
  <>
    <Facts
      facts={[
        { term: 'RFM segment', value: words(a.segment), label: 'RFM segment' },
        {
          term: 'RFM scores',
          value: a.scores ? `R ${a.scores.r} · F ${a.scores.f} · M ${a.scores.m}` : '–',
        },
        { term: 'Lifecycle stage', value: words(a.lifecycleStage), label: 'Lifecycle stage' },
        { term: 'First purchase', value: date(a.firstPurchaseAt) },
        { term: 'Last purchase', value: date(a.lastPurchaseAt) },
        {
          term: 'Days since last purchase',
          value: a.recencyDays === null ? '–' : formatNumber(a.recencyDays),
        },
        {
          term: 'Purchase days',
          value: a.frequency === null ? '–' : formatNumber(a.frequency),
        },
        { term: 'Net revenue', value: money(a.monetaryMinor, a.currency) },
        ...clvFacts(a),
      ]}
    />
    {a.asOf && (
      <p className="muted">
        As of <When iso={a.asOf}>{formatDate(a.asOf)}</When>.
      </p>
    )}
  </>
);

export const AnalyticsPanel = ({ customerId }: { customerId: string }) => {
  const analytics = useAnalytics(customerId);
  return (
    <Panel title="Value and lifecycle">
      <Loaded query={analytics} what="customer analytics">
        {(a) =>
          a.status === 'not_computed' ? (
            <p>
              Not computed yet: this customer joined after the last analytics refresh. Segment,
              lifecycle stage and lifetime value appear after the next one.
            </p>
          ) : (
            <Computed a={a} />
          )
        }
      </Loaded>
    </Panel>
  );
};
