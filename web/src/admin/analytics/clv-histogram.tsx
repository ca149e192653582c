import { formatNumber } from '../../shared/format';
import { formatMoneyShort } from './numbers';
import type { ClvOverview } from './types';

type Bucket = ClvOverview['distribution']['buckets'][number];

const W = 820;
const H = 260;
const PAD = { left: 12, right: 12, top: 22, bottom: 48 };

const bucketLabel = (b: Bucket, currency: string) =>
  b.toMinor === null
    ? `${formatMoneyShort(b.fromMinor, currency)} and more`
    : `${formatMoneyShort(b.fromMinor, currency)} to ${formatMoneyShort(b.toMinor, currency)}`;

/**
 * How many customers fall in each CLV band, as the API buckets them (equal widths, the last band
 * open-ended). Counts are written on the bars; the table below repeats every band.
 */
export const ClvHistogram = ({ buckets, currency }: { buckets: Bucket[]; currency: string }) => {
  const max = Math.max(1, ...buckets.map((b) => b.customers));
  const slot = (W - PAD.left - PAD.right) / Math.max(1, buckets.length);
  const barHeight = (n: number) => ((H - PAD.top - PAD.bottom) * n) / max;
  // Label every other band when there are many, so the axis stays readable.
  const every = buckets.length > 12 ? 2 : 1;
  return (
    <>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="chart histogram"
        role="img"
        aria-label={`Histogram of predicted customer lifetime value in ${buckets.length} bands; the counts are in the table below.`}
      >
        {buckets.map((b, i) => {
          const x = PAD.left + i * slot;
          const h = barHeight(b.customers);
          const y = H - PAD.bottom - h;
          return (
            <g key={b.fromMinor}>
              <rect x={x + 2} y={y} width={slot - 4} height={h}>
                <title>{`${bucketLabel(b, currency)}: ${formatNumber(b.customers)} customers`}</title>
              </rect>
              <text x={x + slot / 2} y={y - 4} textAnchor="middle" className="axis-label">
                {formatNumber(b.customers)}
              </text>
              {i % every === 0 && (
                <text
                  x={x + slot / 2}
                  y={H - PAD.bottom + 14}
                  textAnchor="middle"
                  className="axis-label"
                >
                  {b.toMinor === null ? '≥ ' : ''}
                  {formatMoneyShort(b.fromMinor, currency)}
                </text>
              )}
            </g>
          );
        })}
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={H - PAD.bottom}
          y2={H - PAD.bottom}
          className="grid-line"
        />
        <text x={W / 2} y={H - 8} textAnchor="middle" className="axis-label">
          Predicted value per customer (band starts at)
        </text>
      </svg>
      <details className="figures">
        <summary>Customers per value band</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Predicted value</th>
              <th scope="col" className="num">
                Customers
              </th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.fromMinor}>
                <th scope="row">{bucketLabel(b, currency)}</th>
                <td className="num">{formatNumber(b.customers)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
};
