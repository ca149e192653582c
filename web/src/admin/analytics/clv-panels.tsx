import { useState } from 'react';
import { formatDateTime, formatNumber, formatPercent } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import { AtRiskCompare } from './at-risk-compare';
import { ClvHistogram } from './clv-histogram';
import { formatDay } from './dates';
import { formatMoneyOrDash } from './numbers';
import { useClvAtRisk } from './queries';
import type { ClvOverview, ClvRun } from './types';
import { ValuedCustomersTable } from './valued-customers-table';

const MODELS: Record<ClvRun['model'], string> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  'pareto-nbd': 'Pareto/NBD',
};

/**
 * Fits the data do not pin down, said before any figure: their parameters are where the optimiser
 * stopped, so the predictions built on them are not to be trusted as estimates.
 */
const FitWarnings = ({ run }: { run: ClvRun }) => {
  const model = MODELS[run.model] ?? run.model;
  const warnings = [
    run.fitCheck.identifiable === false &&
      `The ${model} fit is not identifiable: ${run.fitCheck.notIdentifiableReason ?? ''}. P(alive), expected purchases and value below rest on it: treat them as rough.`,
    run.spendFitCheck?.identifiable === false &&
      `The Gamma-Gamma spend fit is not identifiable: ${run.spendFitCheck.notIdentifiableReason ?? ''}.`,
    run.validationFitCheck?.identifiable === false &&
      `The validation refit is not identifiable: ${run.validationFitCheck.notIdentifiableReason ?? ''}. Its comparison says little.`,
  ].filter((w): w is string => typeof w === 'string');
  if (warnings.length === 0) return null;
  return (
    <div className="error" role="alert">
      {warnings.map((w) => (
        <p key={w}>{w}</p>
      ))}
    </div>
  );
};

/** What the CLV figures are and how fresh: the model, its data and its horizon. */
export const ClvRunNote = ({ run }: { run: ClvRun }) => (
  <>
    <FitWarnings run={run} />
    <p className="refresh-note muted" role="note">
      Predicted with the {MODELS[run.model] ?? run.model}
      {run.spendParams ? ' and Gamma-Gamma models' : ' model'}, fitted{' '}
      <strong>{formatDateTime(run.fittedAt)}</strong> on {formatNumber(run.customers)} customers (
      {formatNumber(run.repeatBuyers)} repeat buyers) with orders up to{' '}
      {formatDay(run.calibrationEnd)}. A customer&rsquo;s value (CLV) is the net spend expected from
      them in the next {formatNumber(run.horizonWeeks)} weeks, discounted at{' '}
      {formatPercent(run.annualDiscountRate * 100)} a year.
    </p>
  </>
);

export const ClvDistributionPanel = ({
  overview,
  currency,
}: {
  overview: ClvOverview;
  currency: string;
}) => {
  const d = overview.distribution;
  const money = (minor: number | null) => formatMoneyOrDash(minor, currency);
  return (
    <Panel title="Customer lifetime value">
      {d.customersWithClv === 0 ? (
        <Empty>No customer has a predicted value yet.</Empty>
      ) : (
        <>
          <dl className="stat-row">
            <div>
              <dt>Customers valued</dt>
              <dd>{formatNumber(d.customersWithClv)}</dd>
            </div>
            <div>
              <dt>Total predicted value</dt>
              <dd>{money(d.totalMinor)}</dd>
            </div>
            <div>
              <dt>Average</dt>
              <dd>{money(d.meanMinor)}</dd>
            </div>
            <div>
              <dt>Median (half are below)</dt>
              <dd>{money(d.medianMinor)}</dd>
            </div>
            <div>
              <dt>Top 10 % start at</dt>
              <dd>{money(d.p90Minor)}</dd>
            </div>
          </dl>
          <ClvHistogram buckets={d.buckets} currency={currency} />
        </>
      )}
    </Panel>
  );
};

export const TopCustomersPanel = ({
  overview,
  currency,
}: {
  overview: ClvOverview;
  currency: string;
}) => (
  <Panel title="Top customers by predicted value">
    {overview.topCustomers.length === 0 ? (
      <Empty>No customer has a predicted value yet.</Empty>
    ) : (
      <ValuedCustomersTable
        customers={overview.topCustomers}
        currency={currency}
        caption="Customers with the highest predicted value"
      />
    )}
  </Panel>
);

/** Fixed thresholds a user may pick instead of the API's default list. */
const THRESHOLDS = [0.5, 0.7, 0.9] as const;
const DEFAULT = 'default';

/** Repeat customers the model thinks are slipping away, biggest spenders first. */
export const AtRiskPanel = ({ currency }: { currency: string }) => {
  const [maxPAlive, setMaxPAlive] = useState<number | null>(null);
  const atRisk = useClvAtRisk(maxPAlive, 20);
  const picker = (
    <label className="inline-label">
      Who
      <select
        value={maxPAlive ?? DEFAULT}
        onChange={(e) => setMaxPAlive(e.target.value === DEFAULT ? null : Number(e.target.value))}
      >
        <option value={DEFAULT}>Least likely still active (default)</option>
        {THRESHOLDS.map((t) => (
          <option key={t} value={t}>
            Still active below {formatPercent(t * 100, 0)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Panel title="Customers at risk" actions={picker}>
      <Loaded query={atRisk} what="customers at risk">
        {({ customers, definition, total, maxPAlive: applied, byShare }) => (
          <>
            <p className="muted caption">
              Shown: {definition.rule}
              {byShare &&
                applied !== null &&
                ` (P(alive) at most ${formatPercent(applied * 100, 2)})`}
              : {formatNumber(total)} customers, biggest spenders first; worth a win-back offer.
            </p>
            {customers.length === 0 ? (
              <Empty>
                No repeat customer is in this list.
                {!byShare && ' Try a higher threshold or the default list.'}
              </Empty>
            ) : (
              <ValuedCustomersTable
                customers={customers}
                currency={currency}
                caption="Repeat customers at risk of lapsing"
              />
            )}
          </>
        )}
      </Loaded>
      <AtRiskCompare notion="clv" />
    </Panel>
  );
};
