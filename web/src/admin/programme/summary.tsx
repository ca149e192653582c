import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { client, unwrap } from '../../shared/api';
import { formatNumber } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import { formatPointValue, oneUnit } from './forms';
import { useProgramme } from './shared';
import type { RuleStatus } from './types';

/** The programme's terms at a glance (GET /v1/programme) and how many rules are in each state. */
export const ProgrammeSummary = () => {
  const programme = useProgramme();
  const rules = useQuery({
    queryKey: ['rules', 'all'],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/rules', { signal })),
  });
  return (
    <>
      <Panel title="Programme settings">
        <Loaded query={programme} what="programme settings">
          {(p) => (
            <dl className="prog-facts">
              <dt>Currency</dt>
              <dd>{p.currency}</dd>
              <dt>Base earn rate</dt>
              <dd>
                {formatNumber(p.pointsPerCurrencyUnit)} point(s) per {oneUnit(p.currency)} spent
              </dd>
              <dt>Return window</dt>
              <dd>{formatNumber(p.returnWindowDays)} days (points stay pending until it ends)</dd>
              <dt>Points expire</dt>
              <dd>
                {p.expiryDays === null ? 'Never' : `After ${formatNumber(p.expiryDays)} days`}
              </dd>
              <dt>Value of one point</dt>
              <dd>{formatPointValue(p.pointValueMilliMinor, p.currency)}</dd>
              <dt>Time zone</dt>
              <dd>{p.timeZone}</dd>
            </dl>
          )}
        </Loaded>
      </Panel>
      <Panel title="Earning rules">
        <Loaded query={rules} what="rules">
          {({ rules: list }) =>
            list.length === 0 ? (
              <Empty>
                No earning rules yet: orders earn the base rate only.{' '}
                <Link to="/programme/rules/new">Create a rule</Link>
              </Empty>
            ) : (
              <p>
                {(['active', 'draft', 'archived'] as RuleStatus[])
                  .map((s) => `${formatNumber(list.filter((r) => r.status === s).length)} ${s}`)
                  .join(', ')}
                . <Link to="/programme/rules">See the rules</Link>
              </p>
            )
          }
        </Loaded>
      </Panel>
    </>
  );
};
