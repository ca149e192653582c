import { CampaignForm } from '../engagement/campaign-form';
import { CampaignList } from '../engagement/campaign-list';
import { MessageLog } from '../engagement/message-log';
import { JourneysPanel, TemplatesPanel } from '../engagement/messaging-setup';
import { PageTitle } from '../ui';

/** /admin/campaigns: e-mail campaigns and their outcome, the send log, templates and journeys. */
export const CampaignsPage = () => (
  <>
    <PageTitle>Campaigns</PageTitle>
    <CampaignList />
    <CampaignForm />
    <MessageLog />
    <TemplatesPanel />
    <JourneysPanel />
  </>
);
