import { formatMoney } from '../../shared/format';
import type { MetricName } from './results-types';

/**
 * How each metric's difference is said: rates in percentage points, money per customer in the
 * programme currency, orders and points per customer. Signed, so "+2.1 pp" and "−0.4 pp" read at
 * a glance.
 */

export interface MetricView {
  metric: MetricName;
  /** "60-day repeat rate" */
  label: (horizonDays: number) => string;
  /** A difference (or an interval end) in the metric's unit. */
  format: (value: number, currency: string) => string;
}

const signed = (digits: number) =>
  new Intl.NumberFormat(undefined, {
    signDisplay: 'exceptZero',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });

export const formatPp = (share: number) => `${signed(1).format(share * 100)} pp`;

const money = (minor: number, currency: string) => {
  const text = formatMoney(Math.abs(minor), currency);
  return minor > 0 ? `+${text}` : minor < 0 ? `−${text}` : text;
};

export const METRIC_VIEWS: MetricView[] = [
  { metric: 'converted', label: (h) => `${h}-day repeat rate`, format: (v) => formatPp(v) },
  {
    metric: 'orders',
    label: (h) => `Orders per customer (${h} days)`,
    format: (v) => signed(3).format(v),
  },
  {
    metric: 'netRevenue',
    label: (h) => `Net revenue per customer (${h} days)`,
    format: (v, c) => money(v, c),
  },
  {
    metric: 'pointsIssued',
    label: (h) => `Points issued per customer (${h} days)`,
    format: (v) => signed(1).format(v),
  },
  {
    metric: 'pointsCost',
    label: (h) => `Points cost per customer (${h} days)`,
    format: (v, c) => money(v, c),
  },
  {
    metric: 'profit',
    label: (h) => `Profit after points cost per customer (${h} days)`,
    format: (v, c) => money(v, c),
  },
  { metric: 'churned', label: () => 'Churn rate', format: (v) => formatPp(v) },
  { metric: 'unsubscribed', label: () => 'Unsubscribe rate', format: (v) => formatPp(v) },
  { metric: 'complained', label: () => 'Complaint rate', format: (v) => formatPp(v) },
];

export const metricView = (metric: MetricName) => METRIC_VIEWS.find((m) => m.metric === metric)!;

export const formatPValue = (p: number) =>
  p < 0.001 ? '< 0.001' : new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 }).format(p);

export const formatLift = (lift: number | null) =>
  lift === null ? '–' : `${signed(1).format(lift * 100)} %`;
