import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { client, unwrap } from '../../shared/api';
import { formatDateTime, formatNumber } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import { StatusBadge } from './shared';
import { RULE_STATUSES, type Rule, type RuleStatus } from './types';

const priorityOf = (rule: Rule) =>
  typeof rule.document.priority === 'number' ? rule.document.priority : 0;

/** Every earning rule (GET /v1/rules): its trigger, state, priority and current version. */
export const RulesList = () => {
  const [status, setStatus] = useState<RuleStatus | ''>('');
  const rules = useQuery({
    queryKey: ['rules', status || 'all'],
    queryFn: ({ signal }) =>
      unwrap(
        client.GET('/v1/rules', { params: { query: { status: status || undefined } }, signal }),
      ),
  });
  return (
    <Panel title="Earning rules" actions={<Link to="/programme/rules/new">New rule</Link>}>
      <div className="toolbar">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as RuleStatus | '')}>
            <option value="">All</option>
            {RULE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Loaded query={rules} what="rules">
        {({ rules: list }) =>
          list.length === 0 ? (
            <Empty>
              {status ? `No ${status} rules.` : 'No earning rules yet.'}{' '}
              <Link to="/programme/rules/new">Create a rule</Link>
            </Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>What it does</th>
                  <th>Trigger</th>
                  <th>Status</th>
                  <th className="num">Priority</th>
                  <th className="num">Version</th>
                  <th>Last saved</th>
                </tr>
              </thead>
              <tbody>
                {[...list]
                  .sort((a, b) => priorityOf(b) - priorityOf(a) || a.name.localeCompare(b.name))
                  .map((rule) => (
                    <tr key={rule.id}>
                      <td>
                        <Link to={`/programme/rules/${rule.id}`}>{rule.name}</Link>
                      </td>
                      <td>{rule.description}</td>
                      <td>
                        <code>{rule.trigger}</code>
                      </td>
                      <td>
                        <StatusBadge status={rule.status} />
                      </td>
                      <td className="num">{formatNumber(priorityOf(rule))}</td>
                      <td className="num">{rule.version}</td>
                      <td>{formatDateTime(rule.updatedAt)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </Panel>
  );
};
