import { useState } from 'react';
import { CampaignForm } from '../engagement/campaign-form';
import { CampaignList } from '../engagement/campaign-list';
import { MessageLog } from '../engagement/message-log';
import { JourneysPanel, TemplatesPanel } from '../engagement/messaging-setup';
import { PageTitle } from '../ui';

/** /admin/campaigns: e-mail campaigns and their outcome, the send log, templates and journeys. */
export const CampaignsPage = () => {
  // Campaigns created here are listed at once, before they have messages to be found by.
  const [created, setCreated] = useState<string[]>([]);
  return (
    <>
      <PageTitle>Campaigns</PageTitle>
      <CampaignList created={created} />
      <CampaignForm onCreated={(c) => setCreated((ids) => [c.id, ...ids])} />
      <MessageLog />
      <TemplatesPanel />
      <JourneysPanel />
    </>
  );
};
