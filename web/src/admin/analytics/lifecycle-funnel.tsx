import { formatNumber, formatPercent } from '../../shared/format';
import { Empty } from '../ui';
import { AtRiskCompare } from './at-risk-compare';
import type { LifecycleFunnel, StageCount } from './types';

const STAGES: Record<StageCount['stage'], { label: string; meaning: string }> = {
  prospect: { label: 'Prospects', meaning: 'Enrolled, never bought' },
  new: { label: 'New', meaning: 'First purchase recently (default: within 30 days)' },
  active: { label: 'Active', meaning: 'Bought recently (default: within 90 days)' },
  at_risk: {
    label: 'At risk',
    meaning: 'Last purchase longer ago than active (see the note below)',
  },
  lapsed: { label: 'Lapsed', meaning: 'Last purchase 181–365 days ago (default)' },
  lost: { label: 'Lost', meaning: 'No purchase for over a year (default)' },
};

/** Customers per lifecycle stage as horizontal bars, each with its count and share written out. */
export const LifecycleFunnelView = ({ funnel }: { funnel: LifecycleFunnel }) => {
  if (!funnel.asOf) {
    return (
      <Empty>
        Lifecycle stages have not been computed yet: they appear after the next analytics refresh.
      </Empty>
    );
  }
  if (funnel.customers === 0) return <Empty>No customers yet.</Empty>;
  const max = Math.max(1, ...funnel.stages.map((s) => s.customers));
  return (
    <>
      <dl className="hbars">
        {funnel.stages.map((s) => {
          const stage = STAGES[s.stage];
          return (
            <div key={s.stage} className="hbar-row">
              <dt>{stage.label}</dt>
              <dd className="hbar-track" aria-hidden="true">
                <div className="hbar-fill" style={{ width: `${(s.customers / max) * 100}%` }} />
              </dd>
              <dd className="hbar-value">
                {formatNumber(s.customers)}{' '}
                <span className="muted">({formatPercent(s.sharePercent)})</span>
              </dd>
            </div>
          );
        })}
      </dl>
      <ul className="caption muted stage-meanings">
        {funnel.stages.map((s) => (
          <li key={s.stage}>
            <strong>{STAGES[s.stage].label}</strong>: {STAGES[s.stage].meaning}
          </li>
        ))}
      </ul>
      <AtRiskCompare notion="lifecycle" />
    </>
  );
};
