import type { ReactNode } from 'react';
import { formatDate, formatDateTime } from '../../shared/format';
import { Empty, Panel } from '../ui';
import { Facts, When } from './facts';
import { formatCalendarDate } from './names';
import type { Consent, Customer } from './types';

const dash = (v: string | null) => v ?? '–';

export const ProfilePanel = ({ customer: c }: { customer: Customer }) => {
  const attributes = Object.entries(c.attributes);
  return (
    <Panel title="Profile">
      <Facts
        facts={[
          { term: 'First name', value: dash(c.firstName) },
          { term: 'Last name', value: dash(c.lastName) },
          {
            term: 'E-mail',
            value: c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : '–',
          },
          { term: 'Phone', value: dash(c.phone) },
          { term: 'Locale', value: dash(c.locale) },
          { term: 'Birthday', value: c.birthday ? formatCalendarDate(c.birthday) : '–' },
          { term: 'Joined', value: <When iso={c.createdAt}>{formatDate(c.createdAt)}</When> },
          {
            term: 'Last updated',
            value: <When iso={c.updatedAt}>{formatDateTime(c.updatedAt)}</When>,
          },
          { term: 'Customer id', value: <code>{c.id}</code> },
          {
            term: 'External ids',
            value:
              c.externalIds.length === 0
                ? '–'
                : c.externalIds.map((x) => `${x.source}: ${x.id}`).join(', '),
          },
        ]}
      />
      <h3>Attributes</h3>
      {attributes.length === 0 ? (
        <Empty>No attributes.</Empty>
      ) : (
        <Facts
          facts={attributes.map(([key, value]) => ({
            term: key,
            value: value === null ? '–' : String(value),
          }))}
        />
      )}
    </Panel>
  );
};

const CHANNELS: { channel: Consent['channel']; label: string }[] = [
  { channel: 'email', label: 'E-mail' },
  { channel: 'sms', label: 'SMS' },
];

/** The latest consent per channel, as the customer record carries it. */
export const ConsentsPanel = ({
  consents,
  children,
}: {
  consents: Consent[];
  children?: ReactNode;
}) => (
  <Panel title="Marketing consent">
    <table>
      <thead>
        <tr>
          <th scope="col">Channel</th>
          <th scope="col">Consent</th>
          <th scope="col">Source</th>
          <th scope="col">Recorded</th>
        </tr>
      </thead>
      <tbody>
        {CHANNELS.map(({ channel, label }) => {
          const consent = consents.find((c) => c.channel === channel);
          return (
            <tr key={channel}>
              <th scope="row">{label}</th>
              {consent ? (
                <>
                  <td className={consent.granted ? 'good' : 'bad'}>
                    {consent.granted ? 'Granted' : 'Withdrawn'}
                  </td>
                  <td>{consent.source}</td>
                  <td>
                    <When iso={consent.at}>{formatDateTime(consent.at)}</When>
                  </td>
                </>
              ) : (
                <td colSpan={3} className="muted">
                  Never asked (no consent recorded)
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
    {children}
  </Panel>
);
