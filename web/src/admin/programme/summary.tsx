import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { client, unwrap } from '../../shared/api';
import { formatNumber } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import { ProgrammeSettingsForm } from './settings-form';
import { useProgramme } from './shared';
import type { RuleStatus } from './types';

/** The programme's terms, editable (GET and PATCH /v1/programme), and how many rules are in each state. */
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
          {(p) => <ProgrammeSettingsForm settings={p} />}
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
