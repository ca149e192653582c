import { useState } from 'react';
import { formatDateTime, formatNumber, formatPercent } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import { Badge, CustomerLink, Figures, formatHours, ScrollBox, words } from './bits';
import { formatDay } from './feedback-window';
import { useComplaintStats, useComplaints } from './queries';
import { COMPLAINT_STATUSES, type Complaint, type ComplaintStatus } from './types';

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

/** Whether an unanswered case has passed the first-response target, in words. */
const targetState = (c: Complaint, targetHours: number, now: number) => {
  if (c.firstResponseAt) return 'Answered';
  const hours = (now - new Date(c.openedAt).getTime()) / 3_600_000;
  return hours > targetHours ? 'Over target' : 'Within target';
};

/** The cases by status (GET /v1/complaints), newest first, with a link to each customer. */
export const ComplaintListPanel = ({ targetHours }: { targetHours: number }) => {
  const [status, setStatus] = useState<ComplaintStatus>('open');
  const complaints = useComplaints(status);
  const [now] = useState(() => Date.now());
  return (
    <Panel title="Complaints">
      <div className="toolbar">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as ComplaintStatus)}>
            {COMPLAINT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Loaded query={complaints} what="complaints">
        {({ complaints: list, total }) =>
          list.length === 0 ? (
            <Empty>No {status} complaints.</Empty>
          ) : (
            <>
              <p className="muted">
                {list.length < total
                  ? `The newest ${formatNumber(list.length)} of ${formatNumber(total)} ${status} complaints.`
                  : `All ${formatNumber(total)} ${status} complaints, newest first.`}
              </p>
              <ScrollBox label="Complaints table">
                <table className="eng-complaints">
                  <thead>
                    <tr>
                      <th scope="col">Opened</th>
                      <th scope="col">Customer</th>
                      <th scope="col">Subject</th>
                      <th scope="col">Channel</th>
                      <th scope="col">Status</th>
                      <th scope="col">First response</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((c) => {
                      const state = targetState(c, targetHours, now);
                      return (
                        <tr key={c.id}>
                          <td>{formatDateTime(c.openedAt)}</td>
                          <td>
                            <CustomerLink id={c.customerId} />
                          </td>
                          <td>{c.subject}</td>
                          <td>{words(c.channel)}</td>
                          <td>
                            <Badge status={c.status} />
                          </td>
                          <td>
                            {c.firstResponseAt ? (
                              formatDateTime(c.firstResponseAt)
                            ) : (
                              <span className={state === 'Over target' ? 'bad' : undefined}>
                                {state}
                              </span>
                            )}
                          </td>
                        </tr>
                      );
                    })}
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
