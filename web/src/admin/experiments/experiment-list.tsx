import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatNumber } from '../../shared/format';
import { Badge, ScrollBox, StatusFilter, words } from '../engagement/bits';
import { useSegments } from '../engagement/queries';
import { Empty, Loaded, PageTitle, Panel } from '../ui';
import { ExperimentForm } from './experiment-form';
import { useExperiments } from './queries';
import { EXPERIMENT_STATUSES, type Experiment, type ExperimentStatus } from './types';

/** Who is in it, in words: "All members, fixed at start", "VIPs, open to newcomers". */
export const populationWords = (
  population: Experiment['population'],
  segmentNames: Map<string, string>,
) => {
  const who =
    population.segmentId === null
      ? 'All members'
      : (segmentNames.get(population.segmentId) ?? population.segmentId);
  return `${who}, ${population.entry === 'fixed' ? 'fixed at start' : 'open to newcomers'}`;
};

/** /admin/experiments: every experiment with its arms and how many customers each has seen. */
export const ExperimentList = () => {
  const [status, setStatus] = useState<ExperimentStatus | ''>('');
  const experiments = useExperiments(status);
  const segments = useSegments(true).data?.segments ?? [];
  const names = new Map(segments.map((s) => [s.id, s.name]));
  return (
    <>
      <PageTitle>Experiments</PageTitle>
      <Panel title="All experiments">
        <div className="toolbar">
          <StatusFilter statuses={EXPERIMENT_STATUSES} value={status} onChange={setStatus} />
        </div>
        <Loaded query={experiments} what="experiments">
          {({ experiments: list }) =>
            list.length === 0 ? (
              <Empty>
                {status
                  ? `No ${words(status).toLowerCase()} experiments.`
                  : 'No experiment yet. Create a draft below.'}
              </Empty>
            ) : (
              <ScrollBox label="Experiments table">
                <table className="exp-list">
                  <thead>
                    <tr>
                      <th scope="col">Experiment</th>
                      <th scope="col">Status</th>
                      <th scope="col">Population</th>
                      <th scope="col">Arms (customers exposed)</th>
                      <th scope="col">Started</th>
                      <th scope="col">Stopped</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((e) => (
                      <tr key={e.id}>
                        <td>
                          <Link to={encodeURIComponent(e.id)}>{e.name}</Link>
                          <div className="muted mono">{e.key}</div>
                        </td>
                        <td>
                          <Badge status={e.status} />
                        </td>
                        <td>{populationWords(e.population, names)}</td>
                        <td>
                          <ul className="exp-arms">
                            {e.variants.map((v) => (
                              <li key={v.key}>
                                {v.name}
                                {v.control ? ' (control)' : ''}:{' '}
                                {formatNumber(e.exposures[v.key] ?? 0)}
                              </li>
                            ))}
                          </ul>
                        </td>
                        <td>{e.startedAt ? formatDateTime(e.startedAt) : '–'}</td>
                        <td>{e.stoppedAt ? formatDateTime(e.stoppedAt) : '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
            )
          }
        </Loaded>
      </Panel>
      <ExperimentForm />
    </>
  );
};
