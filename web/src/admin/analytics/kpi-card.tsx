import { useId, type ReactNode } from 'react';
import type { ChangeView } from './numbers';

/**
 * One headline figure: the value for the chosen period, the previous period's value and the
 * change, with arrows and words (never colour alone), and what the figure means.
 */
export const KpiCard = ({
  title,
  value,
  previous,
  change,
  definition,
  children,
}: {
  title: string;
  value: string;
  /** The previous period's value, formatted. */
  previous: string;
  change: ChangeView;
  /** One or two sentences a marketer can act on: what is counted, and how. */
  definition: string;
  /** Extra lines under the value (a split, a sub-figure). */
  children?: ReactNode;
}) => {
  const id = useId();
  return (
    <article className="kpi-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="kpi-title">
        {title}
      </h3>
      <p className="kpi-value num">{value}</p>
      <p className="kpi-compare">
        <span className={`kpi-change ${change.tone}`} title={change.spoken}>
          <span aria-hidden="true">{change.text}</span>
          <span className="visually-hidden">{change.spoken}</span>
        </span>{' '}
        <span className="muted">vs {previous}</span>
      </p>
      {children}
      <p className="kpi-definition muted">{definition}</p>
    </article>
  );
};
