import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { client, unwrap, type Schemas } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { FieldMessage, fieldMessage, invalidProps } from '../customer/field-errors';
import { ErrorNotice, Loaded, PageTitle, Panel } from '../ui';
import { Badge, CustomerLink, Figures, words } from './bits';
import { useComplaint, useFeedbackWrite, useUsers } from './feedback-queries';
import { SlaClock } from './sla-clock';

type Case = Schemas['Complaint'];
type User = Schemas['User'];

/** /admin/feedback/complaints/:id: the case, its SLA clock, its thread, and what to do next. */
export const ComplaintDetail = () => {
  const id = useParams().id ?? '';
  const complaint = useComplaint(id);
  const users = useUsers();
  return (
    <>
      <p>
        <Link to="/feedback">← Feedback</Link>
      </p>
      <Loaded query={complaint} what="the complaint">
        {(c) => <CaseView complaint={c} users={users.data?.items ?? []} />}
      </Loaded>
    </>
  );
};

const userName = (users: User[], id: string | null) =>
  id === null ? 'Nobody' : (users.find((u) => u.id === id)?.name ?? `User ${id}`);

const CaseView = ({ complaint: c, users }: { complaint: Case; users: User[] }) => (
  <>
    <PageTitle>{c.subject}</PageTitle>
    <Panel title="Case">
      <Figures
        items={[
          { label: 'Status', value: <Badge status={c.status} /> },
          { label: 'Customer', value: <CustomerLink id={c.customerId} /> },
          { label: 'Channel', value: words(c.channel) },
          { label: 'Opened', value: formatDateTime(c.openedAt) },
          { label: 'First response', value: <SlaClock sla={c.sla} /> },
          { label: 'Reply due', value: formatDateTime(c.dueAt) },
          { label: 'Assigned to', value: userName(users, c.assigneeId) },
        ]}
      />
      {c.resolutionNote && (
        <p>
          <strong>Resolution:</strong> {c.resolutionNote}
        </p>
      )}
    </Panel>
    <Thread complaint={c} users={users} />
    <ReplyForm id={c.id} />
    <AssignForm complaint={c} users={users} />
    {c.status === 'resolved' ? <ReopenPanel id={c.id} /> : <ResolveForm id={c.id} />}
  </>
);

const eventText = (e: Record<string, unknown>, users: User[]) => {
  if (e.kind === 'opened') return { who: 'Customer (opened)', text: String(e.body) };
  if (e.kind === 'reply')
    return { who: e.by === 'staff' ? 'Staff reply' : 'Customer reply', text: String(e.body) };
  if (e.kind === 'assigned')
    return {
      who: 'Assigned',
      text: `To ${userName(users, (e.assigneeId as string | null) ?? null)}`,
    };
  const note = e.note ? `: ${String(e.note)}` : '';
  return { who: 'Status', text: `${words(String(e.from))} → ${words(String(e.to))}${note}` };
};

const Thread = ({ complaint, users }: { complaint: Case; users: User[] }) => (
  <Panel title="Thread">
    <ol className="eng-thread">
      {complaint.events.map((e) => {
        const { who, text } = eventText(e, users);
        return (
          <li key={String(e.seq)} className={`eng-thread-${String(e.kind)}`}>
            <div className="muted">
              <strong>{who}</strong> · {formatDateTime(String(e.at))}
            </div>
            <p className="eng-thread-body">{text}</p>
          </li>
        );
      })}
    </ol>
  </Panel>
);

const ReplyForm = ({ id }: { id: string }) => {
  const [body, setBody] = useState('');
  const [by, setBy] = useState<'staff' | 'customer'>('staff');
  const reply = useFeedbackWrite(() =>
    unwrap(
      client.POST('/v1/complaints/{id}/replies', {
        params: { path: { id } },
        body: { body, by },
      }),
    ),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reply.mutate(undefined, { onSuccess: () => setBody('') });
  };
  const err = fieldMessage(reply.error, 'body');
  return (
    <Panel title="Answer">
      <form className="eng-form" onSubmit={submit}>
        <label>
          Reply
          <textarea
            rows={4}
            value={body}
            required
            maxLength={20_000}
            onChange={(e) => setBody(e.target.value)}
            {...invalidProps('reply-error', err)}
          />
          <FieldMessage id="reply-error" message={err} />
        </label>
        <label>
          Written by
          <select value={by} onChange={(e) => setBy(e.target.value as 'staff' | 'customer')}>
            <option value="staff">Staff (to the customer)</option>
            <option value="customer">The customer (their answer)</option>
          </select>
        </label>
        {reply.error && !err ? <ErrorNotice error={reply.error} /> : null}
        <div className="eng-actions">
          <button type="submit" disabled={reply.isPending}>
            {reply.isPending ? 'Sending…' : 'Add reply'}
          </button>
        </div>
      </form>
    </Panel>
  );
};

const AssignForm = ({ complaint, users }: { complaint: Case; users: User[] }) => {
  const [userId, setUserId] = useState(complaint.assigneeId ?? '');
  const assign = useFeedbackWrite(() =>
    unwrap(
      client.PUT('/v1/complaints/{id}/assignee', {
        params: { path: { id: complaint.id } },
        body: { userId: userId || null },
      }),
    ),
  );
  const err = fieldMessage(assign.error, 'userId');
  const active = users.filter((u) => u.disabledAt === null);
  return (
    <Panel title="Assign">
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          assign.mutate();
        }}
      >
        <label>
          Assign to
          <select
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            {...invalidProps('assign-error', err)}
          >
            <option value="">Nobody</option>
            {active.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
          <FieldMessage id="assign-error" message={err} />
        </label>
        <button type="submit" disabled={assign.isPending}>
          {assign.isPending ? 'Assigning…' : 'Assign'}
        </button>
      </form>
      {active.length === 0 && (
        <p className="muted">No dashboard users yet: add them under Programme → Users.</p>
      )}
      {assign.error && !err ? <ErrorNotice error={assign.error} /> : null}
    </Panel>
  );
};

const ResolveForm = ({ id }: { id: string }) => {
  const [note, setNote] = useState('');
  const resolve = useFeedbackWrite(() =>
    unwrap(
      client.POST('/v1/complaints/{id}/resolve', { params: { path: { id } }, body: { note } }),
    ),
  );
  const err = fieldMessage(resolve.error, 'note');
  return (
    <Panel title="Resolve">
      <form
        className="eng-form"
        onSubmit={(e) => {
          e.preventDefault();
          resolve.mutate();
        }}
      >
        <label>
          Resolution note
          <textarea
            rows={3}
            value={note}
            required
            maxLength={5000}
            onChange={(e) => setNote(e.target.value)}
            {...invalidProps('resolve-error', err)}
          />
          <FieldMessage id="resolve-error" message={err} />
        </label>
        {resolve.error && !err ? <ErrorNotice error={resolve.error} /> : null}
        <div className="eng-actions">
          <button type="submit" disabled={resolve.isPending}>
            {resolve.isPending ? 'Resolving…' : 'Resolve complaint'}
          </button>
        </div>
      </form>
    </Panel>
  );
};

const ReopenPanel = ({ id }: { id: string }) => {
  const reopen = useFeedbackWrite(() =>
    unwrap(client.POST('/v1/complaints/{id}/reopen', { params: { path: { id } } })),
  );
  return (
    <Panel title="Reopen">
      <p className="muted">The case is resolved. Reopen it if the customer is still unhappy.</p>
      <button type="button" className="secondary" onClick={() => reopen.mutate()}>
        Reopen complaint
      </button>
      {reopen.error ? <ErrorNotice error={reopen.error} /> : null}
    </Panel>
  );
};
