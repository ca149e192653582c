import { formatNumber, formatPercent } from '../../shared/format';
import { Empty } from '../ui';
import { AtRiskCompare } from './at-risk-compare';
import { HeatLegend, heatClass } from './heat';
import { formatDecimal, formatMoneyShort } from './numbers';
import type { RfmSummary } from './types';

/** What each segment means for a marketer (the rules are in docs/analytics.md § Segments). */
const MEANING: Record<RfmSummary['segments'][number]['segment'], string> = {
  champions: 'Bought recently, buy often and spend the most.',
  loyal: 'Buy regularly and spend well.',
  potential_loyalist: 'Recent customers with more than one purchase or a big basket.',
  new: 'Bought for the first time very recently.',
  promising: 'Recent, but bought little so far.',
  need_attention: 'Middling on recency, frequency and spend.',
  about_to_sleep: 'Have not bought for a while and bought little.',
  at_risk: 'Used to buy often; have not bought for a long time.',
  cannot_lose: 'Among the best spenders, but gone quiet.',
  hibernating: 'Long since their last, small purchases.',
  lost: 'Lowest on recency, frequency and spend.',
};

const SegmentTiles = ({ summary }: { summary: RfmSummary }) => {
  const largest = Math.max(1, ...summary.segments.map((s) => s.customers));
  return (
    <ul className="rfm-tiles">
      {summary.segments.map((s) => (
        <li
          key={s.segment}
          className={`rfm-tile${s.customers === 0 ? ' empty-segment' : ''}`}
          // Bigger segments take more of the row, and the bar under the count compares sizes.
          style={{ flexGrow: Math.max(1, Math.round(s.sharePercent ?? 0)) }}
        >
          <h3>{s.label}</h3>
          <p>
            <span className="count">{formatNumber(s.customers)}</span>{' '}
            <span className="muted">customers</span>
          </p>
          <div className="share-bar" aria-hidden="true">
            <div style={{ width: `${(s.customers / largest) * 100}%` }} />
          </div>
          <p>{formatPercent(s.sharePercent)} of buyers</p>
          {MEANING[s.segment] && <p className="muted">{MEANING[s.segment]}</p>}
          {s.customers > 0 && (
            <dl className="rfm-averages">
              <dt>Last purchase</dt>
              <dd>{formatDecimal(s.avgRecencyDays, 0)} days ago</dd>
              <dt>Purchase days</dt>
              <dd>{formatDecimal(s.avgFrequency)}</dd>
              <dt>Spent</dt>
              <dd>
                {s.avgMonetaryMinor === null
                  ? '–'
                  : formatMoneyShort(Math.round(s.avgMonetaryMinor), summary.currency)}
              </dd>
            </dl>
          )}
        </li>
      ))}
    </ul>
  );
};

/** Customers by recency score (rows, 5 = most recent) and frequency score (columns). */
const RecencyFrequencyGrid = ({ summary }: { summary: RfmSummary }) => {
  const max = Math.max(1, ...summary.rfGrid.map((c) => c.customers));
  const count = (r: number, f: number) =>
    summary.rfGrid.find((c) => c.r === r && c.f === f)?.customers ?? 0;
  return (
    <>
      <table className="heatmap rf-grid">
        <caption>Customers by recency (R) and frequency (F) score, 5 = best</caption>
        <thead>
          <tr>
            <th scope="col">Recency ↓ / Frequency →</th>
            {[1, 2, 3, 4, 5].map((f) => (
              <th key={f} scope="col" className="num">
                F {f}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[5, 4, 3, 2, 1].map((r) => (
            <tr key={r}>
              <th scope="row">R {r}</th>
              {[1, 2, 3, 4, 5].map((f) => {
                const n = count(r, f);
                return (
                  <td
                    key={f}
                    className={heatClass((n / max) * 100)}
                    title={`Recency ${r}, frequency ${f}: ${formatNumber(n)} customers`}
                  >
                    {formatNumber(n)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <HeatLegend label="Colour scale: customers as a share of the largest cell" />
    </>
  );
};

export const RfmPanelBody = ({ summary }: { summary: RfmSummary }) => {
  if (!summary.asOf) {
    return (
      <Empty>
        Segments have not been computed yet: they appear after the next analytics refresh (nightly,
        or on demand with POST /v1/analytics/refresh).
      </Empty>
    );
  }
  if (summary.withPurchases === 0) {
    return (
      <Empty>No customer had bought anything at the last refresh, so nobody is segmented.</Empty>
    );
  }
  return (
    <>
      <p className="muted caption">
        {formatNumber(summary.withPurchases)} customers with purchases, scored 1–5 on recency (R),
        frequency (F) and spend (M) against each other; shares are of those customers. Last
        purchase, purchase days and spend are the segment&rsquo;s averages.
      </p>
      <AtRiskCompare notion="rfm" />
      <SegmentTiles summary={summary} />
      <div className="rf-grid-wrap">
        <RecencyFrequencyGrid summary={summary} />
      </div>
    </>
  );
};
