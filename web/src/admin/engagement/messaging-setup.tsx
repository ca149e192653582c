import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, client, unwrap, type Schemas } from '../../shared/api';
import { formatDateTime, formatNumber } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import { Figures, ScrollBox, words } from './bits';
import { SendingRulesForm } from './sending-rules-form';
import { TemplateEditor } from './template-editor';
import { useJourneys, useMessagingSettings, useTemplates } from './queries';

/** What sets each journey off (docs/messaging.md); a journey this page does not know shows its name. */
type Journey = keyof Schemas['Journeys'];
const TRIGGERS: Record<Journey, string> = {
  welcome: 'A customer joins',
  birthday: 'The customer’s birthday',
  pointsExpiring: 'Points are about to expire',
  tierChanged: 'The customer’s tier changes',
  winBack: 'The customer becomes at risk of lapsing',
  reviewRequest: 'After an order',
};

/** Automated journeys (GET /v1/journeys) and the sending rules (GET /v1/messaging/settings). */
export const JourneysPanel = () => {
  const journeys = useJourneys();
  const settings = useMessagingSettings();
  const templates = useTemplates();
  return (
    <Panel title="Journeys and sending rules">
      <Loaded query={settings} what="sending rules">
        {(s) => (
          <>
            <Figures
              items={[
                {
                  label: 'Frequency cap (marketing)',
                  value: `${formatNumber(s.maxMarketingPerWindow)} per ${formatNumber(s.windowDays)} days`,
                },
                {
                  label: 'Global control group',
                  value:
                    s.globalControlPercent > 0
                      ? `${formatNumber(s.globalControlPercent)}% of members get no marketing`
                      : 'Off',
                },
                { label: 'Sender', value: `${s.fromName} <${s.fromAddress}>` },
              ]}
            />
            {/* Not keyed by the values: a remount after the save's refetch would lose "saved". */}
            <SendingRulesForm settings={s} />
          </>
        )}
      </Loaded>
      <Loaded query={journeys} what="journeys">
        {(all) => (
          <ScrollBox label="Journeys table">
            <table>
              <thead>
                <tr>
                  <th scope="col">Journey</th>
                  <th scope="col">Sent when</th>
                  <th scope="col">On</th>
                  <th scope="col">Template</th>
                  <th scope="col">Delay</th>
                  <th scope="col">
                    <span className="visually-hidden">Save</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(all).map(([name, j]) => (
                  <JourneyRow
                    key={`${name}:${JSON.stringify(j)}`}
                    name={name}
                    journey={j}
                    templateKeys={templates.data?.templates.map((t) => t.key) ?? []}
                  />
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </Loaded>
    </Panel>
  );
};

type JourneySettings = Schemas['Journeys'][Journey];

/** One journey's switch, template and delay, saved with PATCH /v1/journeys/{key}. */
const JourneyRow = ({
  name,
  journey,
  templateKeys,
}: {
  name: string;
  journey: JourneySettings;
  templateKeys: string[];
}) => {
  const queries = useQueryClient();
  const [enabled, setEnabled] = useState(journey.enabled);
  const [templateKey, setTemplateKey] = useState(journey.templateKey ?? '');
  const [days, setDays] = useState(String(journey.delayDays));
  const [hours, setHours] = useState(String(journey.delayHours));
  const save = useMutation({
    mutationFn: (patch: Partial<JourneySettings>) =>
      unwrap(
        client.PATCH('/v1/journeys/{key}', {
          params: { path: { key: name as Journey } },
          body: patch,
        }),
      ),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['eng', 'journeys'] });
    },
  });
  const label = words(name);
  const dirty =
    templateKey !== (journey.templateKey ?? '') ||
    days !== String(journey.delayDays) ||
    hours !== String(journey.delayHours);
  const errorId = `journey-${name}-error`;
  return (
    <tr>
      <td>{label}</td>
      <td>{Object.hasOwn(TRIGGERS, name) ? TRIGGERS[name as Journey] : '–'}</td>
      <td>
        <label className="eng-switch">
          <input
            type="checkbox"
            role="switch"
            checked={enabled}
            disabled={save.isPending}
            aria-label={`${label} on`}
            onChange={(e) => {
              setEnabled(e.target.checked);
              save.mutate({ enabled: e.target.checked, templateKey: templateKey || null });
            }}
          />
          {enabled ? 'On' : 'Off'}
        </label>
      </td>
      <td>
        <select
          aria-label={`${label} template`}
          value={templateKey}
          onChange={(e) => setTemplateKey(e.target.value)}
        >
          <option value="">No template</option>
          {templateKeys.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span className="eng-delay">
          <input
            type="number"
            min={0}
            max={365}
            aria-label={`${label} delay days`}
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />{' '}
          days{' '}
          <input
            type="number"
            min={0}
            max={23}
            aria-label={`${label} delay hours`}
            value={hours}
            onChange={(e) => setHours(e.target.value)}
          />{' '}
          hours
        </span>
      </td>
      <td>
        <button
          type="button"
          className="secondary"
          disabled={!dirty || save.isPending}
          aria-describedby={save.error ? errorId : undefined}
          onClick={() =>
            save.mutate({
              templateKey: templateKey || null,
              delayDays: Number(days),
              delayHours: Number(hours),
            })
          }
        >
          Save {label}
        </button>
        {save.error ? (
          <span id={errorId} className="bad field-message" role="alert">
            {save.error instanceof ApiError && save.error.issues.length > 0
              ? save.error.issues.map((i) => `${words(i.path)}: ${i.message}`).join('; ')
              : save.error instanceof Error
                ? save.error.message
                : 'Not saved'}
          </span>
        ) : null}
      </td>
    </tr>
  );
};

/** The e-mail templates (GET /v1/templates): what a campaign or journey can send. */
export const TemplatesPanel = () => {
  const templates = useTemplates();
  // null: the list; 'new': a new template; a key: that template in the editor.
  const [editing, setEditing] = useState<string | null>(null);
  const chosen = templates.data?.templates.find((t) => t.key === editing) ?? null;
  if (editing !== null && (editing === 'new' || chosen)) {
    return <TemplateEditor key={editing} template={chosen} onDone={() => setEditing(null)} />;
  }
  return (
    <Panel
      title="Templates"
      actions={
        <button type="button" onClick={() => setEditing('new')}>
          New template
        </button>
      }
    >
      <Loaded query={templates} what="templates">
        {({ templates: list }) =>
          list.length === 0 ? (
            <Empty>No e-mail templates yet.</Empty>
          ) : (
            <ScrollBox label="Templates table">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Key</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Subject (default language)</th>
                    <th scope="col">Languages</th>
                    <th scope="col">Updated</th>
                    <th scope="col">
                      <span className="visually-hidden">Edit</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((t) => (
                    <tr key={t.key}>
                      <td>
                        <span className="mono">{t.key}</span>
                        {t.description && <div className="muted">{t.description}</div>}
                      </td>
                      <td>{words(t.kind)}</td>
                      <td>
                        {(t.versions.find((v) => v.locale === t.defaultLocale) ?? t.versions[0])
                          ?.subject ?? '–'}
                      </td>
                      <td>{t.versions.map((v) => v.locale).join(', ')}</td>
                      <td>{formatDateTime(t.updatedAt)}</td>
                      <td>
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => setEditing(t.key)}
                        >
                          Edit {t.key}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          )
        }
      </Loaded>
    </Panel>
  );
};
