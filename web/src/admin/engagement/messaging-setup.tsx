import type { Schemas } from '../../shared/api';
import { formatDateTime, formatNumber } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import { Badge, Figures, ScrollBox, words } from './bits';
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
  return (
    <Panel title="Journeys and sending rules">
      <Loaded query={settings} what="sending rules">
        {(s) => (
          <Figures
            items={[
              {
                label: 'Frequency cap (marketing)',
                value: `${formatNumber(s.maxMarketingPerWindow)} per ${formatNumber(s.windowDays)} days`,
              },
              { label: 'Sender', value: `${s.fromName} <${s.fromAddress}>` },
            ]}
          />
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
                  <th scope="col">State</th>
                  <th scope="col">Template</th>
                  <th scope="col" className="num">
                    Delay
                  </th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(all).map(([name, j]) => (
                  <tr key={name}>
                    <td>{words(name)}</td>
                    <td>{Object.hasOwn(TRIGGERS, name) ? TRIGGERS[name as Journey] : '–'}</td>
                    <td>
                      <Badge status={j.enabled ? 'on' : 'off'} />
                    </td>
                    <td className="mono">{j.templateKey ?? '–'}</td>
                    <td className="num">
                      {j.delayDays === 0 ? 'None' : `${formatNumber(j.delayDays)} days`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </Loaded>
    </Panel>
  );
};

/** The e-mail templates (GET /v1/templates): what a campaign or journey can send. */
export const TemplatesPanel = () => {
  const templates = useTemplates();
  return (
    <Panel title="Templates">
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
