import { useState } from 'react';
import { formatDateTime, formatNumber } from '../../shared/format';
import { Empty, ErrorNotice, Loading, Panel } from '../ui';
import { Badge, StatusFilter, CustomerLink, reasonWords, ScrollBox, words } from './bits';
import { useMessages } from './queries';
import { MESSAGE_STATUSES, type Message, type MessageStatus } from './types';

const origin = (m: Message) => {
  if (m.campaignId) return `Campaign ${m.campaignId}`;
  if (m.journey) return `Journey: ${words(m.journey)}`;
  return 'Single message';
};

/** The send log (GET /v1/messages), newest first, filtered by status; `outbox` is the outbox. */
export const MessageLog = () => {
  const [status, setStatus] = useState<MessageStatus | ''>('');
  const messages = useMessages(status);
  const list = messages.data?.pages.flatMap((p) => p.messages) ?? [];

  return (
    <Panel title="Messages">
      <div className="toolbar">
        <StatusFilter statuses={MESSAGE_STATUSES} value={status} onChange={setStatus} />
      </div>
      {messages.error ? (
        <ErrorNotice error={messages.error} />
      ) : messages.isPending ? (
        <Loading what="messages" />
      ) : list.length === 0 ? (
        <Empty>
          {status ? `No ${words(status).toLowerCase()} messages.` : 'No e-mail has been sent yet.'}
        </Empty>
      ) : (
        <>
          <ScrollBox label="Messages table">
            <table className="eng-messages">
              <thead>
                <tr>
                  <th scope="col">Due</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Template</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Origin</th>
                  <th scope="col">Status</th>
                  <th scope="col">Sent</th>
                </tr>
              </thead>
              <tbody>
                {list.map((m) => (
                  <tr key={m.id}>
                    <td>{formatDateTime(m.scheduledAt)}</td>
                    <td>
                      <CustomerLink id={m.customerId} />
                    </td>
                    <td>
                      <span className="mono">{m.templateKey}</span>
                      <div className="muted">{words(m.kind)}</div>
                    </td>
                    <td>
                      {m.subject ?? (
                        <span className="muted">
                          {m.status === 'queued' ? 'Rendered when sent' : 'Not rendered'}
                        </span>
                      )}
                    </td>
                    <td>{origin(m)}</td>
                    <td>
                      <Badge status={m.status} />
                      {m.reason && <div className="muted">{reasonWords(m.reason)}</div>}
                      {m.lastError && <div className="muted">{m.lastError}</div>}
                    </td>
                    <td>{m.sentAt ? formatDateTime(m.sentAt) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
          <div className="eng-pager">
            <span className="muted" role="status">
              {messages.isFetching && !messages.isFetchingNextPage
                ? 'Updating…'
                : `Showing ${formatNumber(list.length)}${messages.hasNextPage ? ', more available' : ''}.`}
            </span>
            {messages.hasNextPage && (
              <button
                type="button"
                className="secondary"
                disabled={messages.isFetchingNextPage}
                onClick={() => void messages.fetchNextPage()}
              >
                {messages.isFetchingNextPage ? 'Loading…' : 'Load more messages'}
              </button>
            )}
          </div>
        </>
      )}
    </Panel>
  );
};
