import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatNumber, formatPercent } from '../../shared/format';
import { Empty, ErrorNotice, Loaded, Panel } from '../ui';
import { Badge, CustomerLink, Figures, formatHours, ScrollBox, words } from './bits';
import { formatDay } from './feedback-window';
import { useComplaintList, useUsers, type ComplaintFilter } from './feedback-queries';
import { useComplaintStats, useComplaints } from './queries';
import { SlaClock } from './sla-clock';
import { COMPLAINT_STATUSES, type ComplaintStatus } from './types';

/** Response times of the cases opened in the window (GET /v1/complaints/stats). */
export const ComplaintStatsPanel = ({
  from,
  to,
  targetHours,
  onTarget,
}: {
  from: string;
  to: string;
  targetHours: number;
  onTarget: (hours: string) => void;
}) => {
  const stats = useComplaintStats(from, to, targetHours);
  const open = useComplaints('open');
  // The box may be empty or half typed; only a usable number changes the report.
  const [text, setText] = useState(String(targetHours));
  return (
    <Panel title="Complaint handling">
      <div className="toolbar">
        <label>
          First-response target (hours)
          <input
            type="number"
            min={1}
            max={24 * 365}
            step={1}
            value={text}
            required
            className="eng-narrow-input"
            onChange={(e) => {
              setText(e.target.value);
              if (Number(e.target.value) > 0) onTarget(e.target.value);
            }}
          />
        </label>
      </div>
      <Loaded query={open} what="open cases">
        {({ total }) => (
          <Figures items={[{ label: 'Open cases now', value: formatNumber(total) }]} />
        )}
      </Loaded>
      <h3 className="eng-subhead">
        Cases opened {formatDay(from)} – {formatDay(to)}
      </h3>
      <Loaded query={stats} what="response times">
        {(s) =>
          s.cases === 0 ? (
            <Empty>No complaints were opened in this period.</Empty>
          ) : (
            <Figures
              items={[
                { label: 'Cases opened', value: formatNumber(s.cases) },
                { label: 'Answered', value: formatNumber(s.answered) },
                { label: 'Resolved', value: formatNumber(s.resolved) },
                {
                  label: `Answered within ${formatHours(s.targetHours)}`,
                  value: `${formatPercent(s.withinTargetPct)} (${formatNumber(s.answeredWithinTarget)} of ${formatNumber(s.due)})`,
                },
                { label: 'Median first response', value: formatHours(s.medianFirstResponseHours) },
                { label: 'Median resolution', value: formatHours(s.medianResolutionHours) },
              ]}
            />
          )
        }
      </Loaded>
      <p className="muted eng-note">
        The share within target counts the cases answered and those unanswered past the target; a
        case still inside its target is not counted against the team.
      </p>
    </Panel>
  );
};

/**
 * The cases (GET /v1/complaints), newest first, filtered by status, assignee and overdue, each
 * with its SLA clock against the target chosen above, and a link to the case.
 */
export const ComplaintListPanel = ({ targetHours }: { targetHours: number }) => {
  const [filter, setFilter] = useState<ComplaintFilter>({
    status: 'open',
    assigneeId: '',
    overdue: false,
  });
  const complaints = useComplaintList(filter, targetHours);
  const users = useUsers();
  const set = (patch: Partial<ComplaintFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const named = filter.status ? `${filter.status} ` : '';
  return (
    <Panel title="Complaints" actions={<Link to="/feedback/complaints/new">New complaint</Link>}>
      <form className="toolbar" aria-label="Filter complaints" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select
            value={filter.status}
            onChange={(e) => set({ status: e.target.value as ComplaintStatus | '' })}
          >
            <option value="">Any status</option>
            {COMPLAINT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Assigned to
          <select value={filter.assigneeId} onChange={(e) => set({ assigneeId: e.target.value })}>
            <option value="">Anyone or nobody</option>
            <option value="none">Nobody yet</option>
            {(users.data?.items ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="eng-check">
          <input
            type="checkbox"
            checked={filter.overdue}
            onChange={(e) => set({ overdue: e.target.checked })}
          />
          Only overdue (unanswered past {formatHours(targetHours)})
        </label>
      </form>
      {users.error ? <ErrorNotice error={users.error} /> : null}
      <Loaded query={complaints} what="complaints">
        {({ complaints: list, total }) =>
          list.length === 0 ? (
            <Empty>No {named}complaints match.</Empty>
          ) : (
            <>
              <p className="muted">
                {list.length < total
                  ? `The newest ${formatNumber(list.length)} of ${formatNumber(total)} ${named}complaints.`
                  : `All ${formatNumber(total)} ${named}complaints that match, newest first.`}
              </p>
              <ScrollBox label="Complaints table">
                <table className="eng-complaints">
                  <thead>
                    <tr>
                      <th scope="col">Opened</th>
                      <th scope="col">Subject</th>
                      <th scope="col">Customer</th>
                      <th scope="col">Channel</th>
                      <th scope="col">Status</th>
                      <th scope="col">First response</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((c) => (
                      <tr key={c.id}>
                        <td>{formatDateTime(c.openedAt)}</td>
                        <td>
                          <Link to={`/feedback/complaints/${encodeURIComponent(c.id)}`}>
                            {c.subject}
                          </Link>
                        </td>
                        <td>
                          <CustomerLink id={c.customerId} />
                        </td>
                        <td>{words(c.channel)}</td>
                        <td>
                          <Badge status={c.status} />
                        </td>
                        <td>
                          <SlaClock sla={c.sla} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
            </>
          )
        }
      </Loaded>
    </Panel>
  );
};
