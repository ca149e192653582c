import { formatDateTime } from '../../shared/format';
import { FieldMessage, fieldMessage } from '../customer/field-errors';
import { words } from '../engagement/bits';
import { Choices } from '../engagement/builder/choices';
import { useJourneys } from '../engagement/queries';
import { useRecentCampaigns } from './queries';

/**
 * What the arms' holdouts and templates apply to: campaigns (newest first; one named by id that is
 * no longer among them stays listed so it can be unticked) and journeys. Earning rules name the
 * experiment in their own condition instead, on the Programme page.
 */
export const TargetsFields = ({
  campaignIds,
  journeys,
  onChange,
  error,
}: {
  campaignIds: string[];
  journeys: string[];
  onChange: (targets: { campaignIds: string[]; journeys: string[] }) => void;
  error: unknown;
}) => {
  const listed = useRecentCampaigns().data?.campaigns ?? [];
  const allJourneys = useJourneys().data;
  const campaigns = [
    ...listed.map((c) => ({
      value: c.id,
      label: `${c.templateKey} to ${c.segment?.name ?? 'a removed segment'}, ${formatDateTime(c.scheduledAt)}`,
    })),
    ...campaignIds
      .filter((id) => !listed.some((c) => c.id === id))
      .map((id) => ({ value: id, label: id })),
  ];
  const journeyOptions = Object.entries(allJourneys ?? {}).map(([key, j]) => ({
    value: key,
    label: `${words(key)}${j.enabled ? '' : ' (off)'}`,
  }));
  const campaignError = fieldMessage(error, 'targets.campaignIds');
  const journeyError = fieldMessage(error, 'targets.journeys');
  return (
    <fieldset className="exp-targets">
      <legend>What the holdouts and templates apply to</legend>
      {campaigns.length === 0 ? (
        <p className="muted">No campaign yet: holdouts and templates can apply to journeys.</p>
      ) : (
        <Choices
          legend="Campaigns"
          options={campaigns}
          picked={campaignIds}
          onChange={(picked) => onChange({ campaignIds: picked, journeys })}
          invalid={campaignError !== undefined}
          describedBy={campaignError ? 'exp-campaigns-error' : undefined}
        />
      )}
      <FieldMessage id="exp-campaigns-error" message={campaignError} />
      <Choices
        legend="Journeys"
        options={journeyOptions}
        picked={journeys}
        onChange={(picked) => onChange({ campaignIds, journeys: picked })}
        invalid={journeyError !== undefined}
        describedBy={journeyError ? 'exp-journeys-error' : undefined}
      />
      <FieldMessage id="exp-journeys-error" message={journeyError} />
    </fieldset>
  );
};
