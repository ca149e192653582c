import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { client, newIdempotencyKey, unwrap } from '../../shared/api';
import { formatDateTime, formatNumber } from '../../shared/format';
import { Empty, ErrorNotice, Loading, Panel } from '../ui';
import { reasonWords } from './bits';
import { useMessagingSettings, useSegments, useTemplates } from './queries';

interface Draft {
  templateKey: string;
  segmentId: string;
  /** ISO instant, or undefined for "now". */
  scheduledAt?: string;
  /** One per review: a double click on Confirm cannot schedule the campaign twice. */
  idempotencyKey: string;
}

/**
 * POST /v1/campaigns: send a template to a segment's members, now or later. The form leads to a
 * confirmation that says exactly what will go to whom before anything is sent.
 */
export const CampaignForm = () => {
  const queries = useQueryClient();
  const templates = useTemplates();
  const segments = useSegments();
  const settings = useMessagingSettings();
  const [templateKey, setTemplateKey] = useState('');
  const [segmentId, setSegmentId] = useState('');
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [at, setAt] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);

  const send = useMutation({
    mutationFn: (d: Draft) =>
      unwrap(
        client.POST('/v1/campaigns', {
          params: { header: { 'idempotency-key': d.idempotencyKey } },
          body: { templateKey: d.templateKey, segmentId: d.segmentId, scheduledAt: d.scheduledAt },
        }),
      ),
    onSuccess: async () => {
      setDraft(null);
      // The list shows the new campaign at once, scheduled, before it has any messages.
      await queries.invalidateQueries({ queryKey: ['eng', 'campaigns'] });
      await queries.invalidateQueries({ queryKey: ['eng', 'messages'] });
    },
  });

  // Who the campaign reaches, computed by the server with the send's own checks, per review.
  const reach = useQuery({
    queryKey: [
      'eng',
      'campaign-reach',
      draft?.templateKey,
      draft?.segmentId,
      draft?.idempotencyKey,
    ],
    enabled: draft !== null,
    queryFn: ({ signal }) =>
      unwrap(
        client.POST('/v1/campaigns/reach', {
          body: { templateKey: draft!.templateKey, segmentId: draft!.segmentId },
          signal,
        }),
      ),
  });

  const error = templates.error ?? segments.error ?? settings.error;
  if (error)
    return (
      <Panel title="Send a campaign">
        <ErrorNotice error={error} />
      </Panel>
    );
  if (!templates.data || !segments.data || !settings.data)
    return (
      <Panel title="Send a campaign">
        <Loading what="templates and segments" />
      </Panel>
    );
  const templateList = templates.data.templates;
  const segmentList = segments.data.segments;
  const template = templateList.find((t) => t.key === templateKey);
  const segment = segmentList.find((s) => s.id === segmentId);
  const cap = settings.data;

  const review = (e: FormEvent) => {
    e.preventDefault();
    send.reset();
    setDraft({
      templateKey,
      segmentId,
      scheduledAt: when === 'later' && at ? new Date(at).toISOString() : undefined,
      idempotencyKey: newIdempotencyKey(),
    });
  };

  return (
    <Panel title="Send a campaign">
      {templateList.length === 0 || segmentList.length === 0 ? (
        <Empty>
          A campaign needs an e-mail template and a segment.{' '}
          {templateList.length === 0 ? 'There is no template yet.' : 'There is no segment yet.'}
        </Empty>
      ) : (
        <form className="eng-form" onSubmit={review}>
          <div className="eng-form-row">
            <label>
              Template
              <select
                value={templateKey}
                required
                onChange={(e) => {
                  setTemplateKey(e.target.value);
                  setDraft(null);
                }}
              >
                <option value="">Choose a template</option>
                {templateList.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.key} ({t.kind})
                  </option>
                ))}
              </select>
            </label>
            <label>
              Segment
              <select
                value={segmentId}
                required
                onChange={(e) => {
                  setSegmentId(e.target.value);
                  setDraft(null);
                }}
              >
                <option value="">Choose a segment</option>
                {segmentList.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({formatNumber(s.memberCount)} members)
                  </option>
                ))}
              </select>
            </label>
          </div>
          <fieldset className="segmented">
            <legend>When</legend>
            <label>
              <input type="radio" checked={when === 'now'} onChange={() => setWhen('now')} />
              Now
            </label>
            <label>
              <input type="radio" checked={when === 'later'} onChange={() => setWhen('later')} />
              At a later time
            </label>
          </fieldset>
          {when === 'later' && (
            <label className="eng-narrow">
              Send at (your local time)
              <input
                type="datetime-local"
                value={at}
                required
                onChange={(e) => {
                  setAt(e.target.value);
                  setDraft(null);
                }}
              />
            </label>
          )}
          <div className="eng-actions">
            <button type="submit" className="secondary">
              Review campaign
            </button>
          </div>
        </form>
      )}
      {draft && template && segment && (
        <section className="eng-confirm" aria-labelledby="campaign-confirm-title">
          <h3 id="campaign-confirm-title">Confirm the campaign</h3>
          <p>
            Send the {template.kind} template <strong>{template.key}</strong> to the{' '}
            <strong>{formatNumber(segment.memberCount)}</strong> members of{' '}
            <strong>{segment.name}</strong>{' '}
            {draft.scheduledAt ? `at ${formatDateTime(draft.scheduledAt)}` : 'now'}.
          </p>
          {reach.error ? (
            <ErrorNotice error={reach.error} />
          ) : !reach.data ? (
            <Loading what="who it will reach" />
          ) : (
            <dl className="eng-reach" aria-label="Reach">
              <div>
                <dt>Will receive it</dt>
                <dd data-testid="reach-will-receive">
                  <strong>{formatNumber(reach.data.willReceive)}</strong> of{' '}
                  {formatNumber(reach.data.segmentSize)}
                </dd>
              </div>
              {(['global_control', 'no_consent', 'no_email', 'frequency_cap'] as const).map(
                (reason) => (
                  <div key={reason}>
                    <dt>{reasonWords(reason)}</dt>
                    <dd data-testid={`reach-${reason}`}>
                      {formatNumber(reach.data.excluded[reason])}
                    </dd>
                  </div>
                ),
              )}
            </dl>
          )}
          <p className="muted">
            Counted now; members are read again when the campaign starts, so the count may change
            {segment.refreshedAt ? ` (last refreshed ${formatDateTime(segment.refreshedAt)})` : ''}.
            {template.kind === 'marketing' &&
              ` E-mail consent applies to each member, and no one gets more than ${formatNumber(cap.maxMarketingPerWindow)} marketing e-mails in ${formatNumber(cap.windowDays)} days.`}
            {template.kind === 'marketing' &&
              cap.globalControlPercent > 0 &&
              ` The global control group (${formatNumber(cap.globalControlPercent)}% of members) gets no marketing e-mail, so the programme's effect can be measured against it.`}
          </p>
          <div className="eng-actions">
            <button
              type="button"
              disabled={send.isPending || !reach.data}
              onClick={() => send.mutate(draft)}
            >
              {send.isPending
                ? 'Sending…'
                : draft.scheduledAt
                  ? 'Confirm and schedule'
                  : 'Confirm and send'}
            </button>
            <button type="button" className="secondary" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </section>
      )}
      {send.error && <ErrorNotice error={send.error} />}
      {send.data && !draft && (
        <p className="good" role="status">
          Campaign {send.data.id} is scheduled for {formatDateTime(send.data.scheduledAt)}. Its
          messages are queued when it starts; the table above follows it.
        </p>
      )}
    </Panel>
  );
};
