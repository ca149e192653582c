import { skipToken, useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { client, unwrap } from '../../shared/api';
import { Loaded, Panel } from '../ui';
import { RuleHistory, RuleLifecycle } from './rule-history';
import { RuleForm } from './rule-form';
import { StatusBadge } from './shared';

const BackLink = () => <Link to="/programme/rules">All rules</Link>;

/** programme/rules/new and programme/rules/:id: the editor, and for a saved rule its life. */
export const RuleEditorPage = () => {
  const { id } = useParams();
  const location = useLocation();
  const saved = (location.state as { saved?: { note: string; version: number } } | null)?.saved;
  const rule = useQuery({
    queryKey: ['rule', id],
    queryFn:
      id === undefined
        ? skipToken
        : ({ signal }) =>
            unwrap(client.GET('/v1/rules/{id}', { params: { path: { id } }, signal })),
  });

  if (id === undefined) {
    return (
      <Panel title="New earning rule" actions={<BackLink />}>
        <RuleForm rule={null} />
      </Panel>
    );
  }
  return (
    <Loaded query={rule} what="the rule">
      {(r) => (
        <>
          <Panel
            title={`Rule: ${r.name}`}
            actions={
              <span className="prog-panel-actions">
                <StatusBadge status={r.status} /> version {r.version} · <BackLink />
              </span>
            }
          >
            {/* Keyed by id: a new version saved here keeps what is being typed. */}
            <RuleForm key={r.id} rule={r} saved={saved} />
          </Panel>
          <RuleLifecycle rule={r} />
          <RuleHistory rule={r} />
        </>
      )}
    </Loaded>
  );
};
