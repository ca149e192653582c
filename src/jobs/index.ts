import type { Clock } from '../core/shared/clock.js';
import { analyticsRefreshJob } from './analytics-refresh.job.js';
import { birthdaysJob } from './birthdays.job.js';
import { atRiskJob } from './at-risk.job.js';
import { pointsExpiringJob } from './points-expiring.job.js';
import { recommendationsRefreshJob } from './recommendations-refresh.job.js';
import type { JobDefinition } from './job-runner.js';
import { settlePointsJob } from './settle-points.job.js';
import { tierPlacementJob } from './tier-placement.job.js';
import { tierReviewJob } from './tier-review.job.js';
import { segmentsRefreshJob } from './segments-refresh.job.js';
import { webhookDeliveryJob } from './webhook-delivery.job.js';
import { messageSendJob, type MessageSendDeps } from './message-send.job.js';
import type { ShutdownSignals } from './shutdown.js';

export interface ApplicationJobDeps {
  clock: Clock;
  /** How often due points settle, in minutes; 0 = not scheduled (default 1). */
  settleEveryMinutes?: number;
  /** When the nightly analytics refresh runs (cron, UTC); null = only on demand. */
  analyticsCron?: string | null;
  /** When the daily tier review runs (cron, UTC; default "20 0 * * *"); null = only on demand. */
  tierReviewCron?: string | null;
  /** The message-send job's mailer (none: the outbox) and rendering environment. */
  messaging?: Omit<MessageSendDeps, 'clock'>;
  /** REGULARS_WEBHOOKS_ALLOW_PRIVATE for the delivery job (default false). */
  webhooksAllowPrivate?: boolean;
  /** The process's shutdown, which the sending jobs (webhooks, e-mail) watch. */
  shutdown?: ShutdownSignals;
}

/** Every job the application runs; a new job is one more line here. */
export const applicationJobs = (deps: ApplicationJobDeps): JobDefinition<unknown>[] => [
  settlePointsJob({ clock: deps.clock, everyMinutes: deps.settleEveryMinutes }),
  analyticsRefreshJob({ clock: deps.clock, cron: deps.analyticsCron }),
  birthdaysJob({ clock: deps.clock }),
  pointsExpiringJob({ clock: deps.clock }),
  atRiskJob({ clock: deps.clock }),
  webhookDeliveryJob({
    clock: deps.clock,
    allowPrivateTargets: deps.webhooksAllowPrivate ?? false,
    ...(deps.shutdown ? { shutdown: deps.shutdown } : {}),
  }),
  tierReviewJob({ clock: deps.clock, cron: deps.tierReviewCron }),
  tierPlacementJob({ clock: deps.clock }),
  recommendationsRefreshJob({ clock: deps.clock }),
  messageSendJob({
    clock: deps.clock,
    ...deps.messaging,
    ...(deps.shutdown ? { shutdown: deps.shutdown } : {}),
  }),
  segmentsRefreshJob({ clock: deps.clock }),
];
