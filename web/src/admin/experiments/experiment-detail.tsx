import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatDateTime, formatNumber, formatPercent } from '../../shared/format';
import { Badge, Figures, ScrollBox, words } from '../engagement/bits';
import { useSegments } from '../engagement/queries';
import { ConfirmButton } from '../programme/confirm-button';
import { ErrorNotice, Loaded, PageTitle, Panel } from '../ui';
import { ExperimentForm } from './experiment-form';
import { populationWords } from './experiment-list';
import { draftOf, sharesPercent } from './form-model';
import { PowerEstimate } from './power-estimate';
import { useExperiment, useTransition } from './queries';
import { ResultsView } from './results-view';
import type { Experiment } from './types';

/** /admin/experiments/:id: what it is, start and stop, edit while a draft, and its results. */
export const ExperimentDetail = () => {
  const id = useParams().id ?? '';
  const experiment = useExperiment(id);
  const [editing, setEditing] = useState(false);
  return (
    <>
      <p className="eng-back">
        <Link to="/experiments">← All experiments</Link>
      </p>
      <PageTitle>
        {experiment.data ? `Experiment: ${experiment.data.name}` : 'Experiment'}
      </PageTitle>
      <Loaded query={experiment} what="the experiment">
        {(e) =>
          editing && e.status === 'draft' ? (
            <ExperimentForm editing={e} initial={draftOf(e)} onSaved={() => setEditing(false)} />
          ) : (
            <>
              <Overview experiment={e} onEdit={() => setEditing(true)} />
              {e.status === 'draft' ? (
                <Panel title="Power before start">
                  <PowerEstimate draft={draftOf(e)} />
                </Panel>
              ) : (
                <ResultsView experiment={e} />
              )}
            </>
          )
        }
      </Loaded>
    </>
  );
};

const Actions = ({ experiment: e, onEdit }: { experiment: Experiment; onEdit: () => void }) => {
  const transition = useTransition(e.id);
  if (e.status === 'stopped') return null;
  return (
    <div className="eng-actions">
      {e.status === 'draft' && (
        <>
          <button type="button" className="secondary" onClick={onEdit}>
            Edit draft
          </button>
          <ConfirmButton
            label="Start experiment"
            question={`Start “${e.name}”? Its arms and population are then fixed.`}
            confirmLabel="Start now"
            disabled={transition.isPending}
            onConfirm={() => transition.mutate('start')}
          />
        </>
      )}
      {e.status === 'running' && (
        <ConfirmButton
          label="Stop experiment"
          question={`Stop “${e.name}”? Everyone then gets the default; it cannot run again.`}
          confirmLabel="Stop now"
          disabled={transition.isPending}
          onConfirm={() => transition.mutate('stop')}
        />
      )}
      {transition.error !== null && <ErrorNotice error={transition.error} />}
    </div>
  );
};

const Overview = ({ experiment: e, onEdit }: { experiment: Experiment; onEdit: () => void }) => {
  const names = new Map((useSegments(true).data?.segments ?? []).map((s) => [s.id, s.name]));
  const shares = sharesPercent(e.variants);
  return (
    <Panel title="Overview" actions={<Actions experiment={e} onEdit={onEdit} />}>
      <Figures
        items={[
          { label: 'Status', value: <Badge status={e.status} /> },
          { label: 'Key', value: <span className="mono">{e.key}</span> },
          { label: 'Population', value: populationWords(e.population, names) },
          {
            label: 'Started',
            value: e.startedAt
              ? formatDateTime(e.startedAt)
              : e.plannedStartAt
                ? `Planned ${formatDateTime(e.plannedStartAt)}`
                : 'Not yet',
          },
          {
            label: 'Stopped',
            value: e.stoppedAt
              ? formatDateTime(e.stoppedAt)
              : e.plannedEndAt
                ? `Planned ${formatDateTime(e.plannedEndAt)}`
                : '–',
          },
        ]}
      />
      {e.hypothesis && <p className="exp-hypothesis">Hypothesis: {e.hypothesis}</p>}
      <ScrollBox label="Arms table">
        <table>
          <caption className="muted exp-caption">Arms and what each changes</caption>
          <thead>
            <tr>
              <th scope="col">Arm</th>
              <th scope="col" className="num">
                Share
              </th>
              <th scope="col">Changes</th>
              <th scope="col" className="num">
                Exposed
              </th>
            </tr>
          </thead>
          <tbody>
            {e.variants.map((v, i) => (
              <tr key={v.key}>
                <th scope="row">
                  {v.name} <span className="muted mono">{v.key}</span>
                </th>
                <td className="num">{formatPercent(shares[i])}</td>
                <td>{changes(v)}</td>
                <td className="num">{formatNumber(e.exposures[v.key] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <p className="muted eng-note">
        Targets: {targetsWords(e)}. Outcomes are counted over {formatNumber(e.metrics.horizonDays)}{' '}
        days after each customer's exposure; churn after {formatNumber(e.metrics.churnDays)} days
        without an order.{e.orthogonal ? ' Orthogonal: may overlap other experiments.' : ''}
      </p>
    </Panel>
  );
};

const changes = (v: Experiment['variants'][number]) => {
  const parts = [
    v.control ? 'Control: the default' : null,
    v.holdout ? 'Holdout: no targeted e-mails' : null,
    v.templateKey ? `Template ${v.templateKey}` : null,
    v.rewardIds.length > 0 ? `Offers ${v.rewardIds.join(', ')}` : null,
  ].filter((p) => p !== null);
  return parts.length > 0 ? parts.join('; ') : 'Named by earning rules';
};

const targetsWords = (e: Experiment) => {
  const { campaignIds, journeys } = e.targets;
  if (campaignIds.length === 0 && journeys.length === 0) return 'no campaigns or journeys';
  return [
    campaignIds.length > 0 ? `campaigns ${campaignIds.join(', ')}` : null,
    journeys.length > 0 ? `journeys ${journeys.map(words).join(', ')}` : null,
  ]
    .filter((p) => p !== null)
    .join('; ');
};
