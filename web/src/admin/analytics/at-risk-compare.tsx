import { formatNumber } from '../../shared/format';
import { Loaded } from '../ui';
import { useAtRiskComparison } from './queries';
import type { AtRiskNotion } from './types';

/**
 * One panel's "at risk" in a sentence, and how the other two differ: the three answers count
 * different people, and a reader seeing 569 here and 606 there should be told why. The texts
 * and thresholds come from the API (src/core/analytics/at-risk.ts), never from this file.
 */
export const AtRiskCompare = ({ notion }: { notion: AtRiskNotion }) => {
  const comparison = useAtRiskComparison();
  return (
    <Loaded query={comparison} what="the at-risk definitions">
      {({ definitions }) => {
        const own = definitions.find((d) => d.notion === notion);
        const others = definitions.filter((d) => d.notion !== notion);
        if (!own) return null;
        return (
          <p className="muted caption at-risk-compare" role="note" data-notion={notion}>
            <strong>{own.name}</strong>: {own.explanation} Rule: {own.rule}.{' '}
            {others.map((d, i) => (
              <span key={d.notion}>
                {i === 0 ? 'Compare ' : ' and '}
                <strong>{d.name}</strong>: {d.rule} ({formatNumber(d.customers)} customers)
                {i === others.length - 1 ? '.' : ''}
              </span>
            ))}
          </p>
        );
      }}
    </Loaded>
  );
};
