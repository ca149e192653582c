import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatNumber } from '../../shared/format';
import { customerLabel } from '../customer/names';

/**
 * Small pieces shared by the Segments, Campaigns and Feedback pages. Meaning is always carried by
 * text (a badge's word, a bar's number); colour and length only help the eye.
 */

/** A code from the API in words: `frequency_cap` → "Frequency cap". */
export const words = (code: string) => {
  const text = code.replace(/[_.-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
};

/** Why a message was held back, in the words of docs/messaging.md. */
const REASONS: Record<string, string> = {
  no_email: 'No e-mail address',
  no_consent: 'No e-mail consent',
  frequency_cap: 'Frequency cap reached',
  global_control: 'Global control group',
  experiment_holdout: 'Experiment holdout',
  template_missing: 'Template missing',
  smtp_not_configured: 'Waiting for a mail server',
};

export const reasonWords = (reason: string) => REASONS[reason] ?? words(reason);

export const Badge = ({ status }: { status: string }) => (
  <span className={`eng-badge eng-badge-${status}`}>{words(status)}</span>
);

/** A link to the Customer 360 under a name the list already has: no request per row. */
export const NamedCustomerLink = ({
  id,
  name,
  email,
  externalId,
}: {
  id: string;
  name: string | null;
  email: string | null;
  externalId: { source: string; id: string } | null;
}) => {
  const [firstName, ...rest] = name ? [name] : [];
  const label = customerLabel({
    id,
    firstName: firstName ?? null,
    lastName: rest.join(' ') || null,
    email,
    externalIds: externalId ? [externalId] : [],
  });
  return <Link to={`/customers/${encodeURIComponent(id)}`}>{label}</Link>;
};

/** Named the one way every page names a customer (customer/customer-link.tsx). */
export { CustomerLink } from '../customer/customer-link';

/** A number with a bar whose length is its share of the largest; the number is the content. */
export const SizeBar = ({ value, max }: { value: number; max: number }) => (
  <div className="eng-bar">
    <div className="eng-bar-track" aria-hidden="true">
      <div
        className="eng-bar-fill"
        style={{ width: `${max > 0 ? Math.max(0.5, (value / max) * 100) : 0}%` }}
      />
    </div>
    <span className="eng-bar-value">{formatNumber(value)}</span>
  </div>
);

/** An NPS (−100 to 100) with its sign, as it is usually quoted: "+20", "−5", "0". */
export const formatNps = (value: number | null) =>
  value === null
    ? '–'
    : new Intl.NumberFormat(undefined, { signDisplay: 'exceptZero' }).format(value);

/** Hours as a person reads them: minutes under an hour, days beyond two. */
export const formatHours = (hours: number | null) => {
  if (hours === null) return '–';
  if (hours < 1) return `${formatNumber(Math.round(hours * 60))} min`;
  if (hours < 48)
    return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(hours)} h`;
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(hours / 24)} days`;
};

/** Labelled figures in a row (a description list, so each number has its name). */
export const Figures = ({ items }: { items: { label: string; value: ReactNode }[] }) => (
  <dl className="figure-list">
    {items.map((item) => (
      <div key={item.label}>
        <dt>{item.label}</dt>
        <dd>{item.value}</dd>
      </div>
    ))}
  </dl>
);

/**
 * A wide table's own scroll box: on a narrow screen it scrolls sideways, and it can take focus so
 * keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
export const ScrollBox = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="eng-scroll" role="group" aria-label={label} tabIndex={0}>
    {children}
  </div>
);

/** A "Status" select over a list's statuses, with "All statuses" as the empty choice. */
export const StatusFilter = <S extends string>({
  statuses,
  value,
  onChange,
}: {
  statuses: readonly S[];
  value: S | '';
  onChange: (status: S | '') => void;
}) => (
  <label>
    Status
    <select value={value} onChange={(e) => onChange(e.target.value as S | '')}>
      <option value="">All statuses</option>
      {statuses.map((s) => (
        <option key={s} value={s}>
          {words(s)}
        </option>
      ))}
    </select>
  </label>
);
