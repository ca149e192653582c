import type { Kysely } from 'kysely';
import { DEFAULT_PUBLIC_URL } from '../config.js';
import { cardSecretCache } from '../core/cards/card-secret.js';
import { signSurveyToken, surveyLinkKey } from '../core/feedback/survey-token.js';
import { cardSecretStore } from '../db/cards.repository.js';
import type { CardSecretStore } from '../core/cards/cards.js';
import type { EventSink } from '../core/events/events.js';
import { getPointsSummary } from '../core/ledger/ledger.service.js';
import type { Suggestion } from '../core/messaging/messaging.render.js';
import type { MessagingDeps, RenderDeps } from '../core/messaging/messaging.service.js';
import { signUnsubscribeToken, unsubscribeUrl } from '../core/messaging/unsubscribe-token.js';
import { linkBase, type ProgrammeSettings } from '../core/programme/programme.js';
import { memberRewards } from '../core/rewards/rewards.service.js';
import type { Clock } from '../core/shared/clock.js';
import type { Repositories } from '../db/repositories.js';
import { withRewardRepositories } from './rewards-deps.js';
import type { DB } from '../db/schema.js';
import { tierRepository } from '../db/tiers/tiers.repository.js';
import { messagingRepository } from '../db/messaging/messaging.repository.js';
import { experimentArmStore } from '../db/experiments/experiment-arms.repository.js';

const UNSUBSCRIBE_SECRET_NAME = 'unsubscribe_signing_key';

/** Product suggestions for a customer, read on the given connection. */
export type SuggestionSource = (db: Kysely<DB>, customerId: string) => Promise<Suggestion[]>;

/** No suggestions: what rendering uses when the caller passes no source (some tests). */
export const noSuggestions: SuggestionSource = async () => [];

/** The unsubscribe signing key in app_secret, generated on first use like the card key. */
const unsubscribeSecretStore = (db: Kysely<DB>): CardSecretStore => ({
  commitsAtOnce: !db.isTransaction,
  read: async () =>
    (
      await db
        .selectFrom('app_secret')
        .select('value')
        .where('name', '=', UNSUBSCRIBE_SECRET_NAME)
        .executeTakeFirst()
    )?.value ?? null,
  insertIfAbsent: async (value, at) =>
    (await db
      .insertInto('app_secret')
      .values({ name: UNSUBSCRIBE_SECRET_NAME, value, created_at: at })
      .onConflict((oc) => oc.column('name').doNothing())
      .returning('name')
      .executeTakeFirst()) !== undefined,
});

/** What rendering needs from outside a transaction: the public URL, the key, suggestions. */
export interface MessagingEnv {
  publicUrl: string;
  unsubscribeKey(db: Kysely<DB>, clock: Clock): Promise<Buffer>;
  /** The key survey links are signed with (derived from the card secret, as feedback does). */
  surveyKey(db: Kysely<DB>, clock: Clock): Promise<Buffer>;
  suggestions: SuggestionSource;
}

export const messagingEnv = (
  options: { publicUrl?: string; suggestions?: SuggestionSource; cardSecret?: string } = {},
): MessagingEnv => {
  const keyCache = cardSecretCache();
  const cardSecret = cardSecretCache(options.cardSecret);
  return {
    publicUrl: options.publicUrl ?? DEFAULT_PUBLIC_URL,
    unsubscribeKey: (db, clock) => keyCache({ secrets: unsubscribeSecretStore(db), clock }),
    surveyKey: async (db, clock) =>
      surveyLinkKey(await cardSecret({ secrets: cardSecretStore(db), clock })),
    suggestions: options.suggestions ?? noSuggestions,
  };
};

type Bound = Repositories & {
  db: Kysely<DB>;
  clock: Clock;
  programme: ProgrammeSettings;
  events: EventSink;
};

/**
 * Warnings of the messaging core that do not stop a send. Journeys run inside other modules'
 * transactions without a logger at hand, so they go to the process's warnings (stderr).
 */
export const processWarning: MessagingDeps['warn'] = (event, details) => {
  process.emitWarning(`${event} ${JSON.stringify(details)}`, { code: 'REGULARS_MESSAGING' });
};

/** Messaging's use-case deps on a connection or transaction (enqueue needs no env). */
export const messagingDeps = (
  deps: Pick<Bound, 'db' | 'customers' | 'clock'> & { warn?: MessagingDeps['warn'] },
): MessagingDeps => ({
  messaging: messagingRepository(deps.db),
  customers: deps.customers,
  clock: deps.clock,
  experiments: experimentArmStore(deps.db),
  warn: deps.warn ?? processWarning,
});

/** Points, tier and redeemable rewards through their modules' services. */
const personalData =
  (deps: Bound): RenderDeps['personalData'] =>
  async (customer) => {
    const summary = await getPointsSummary(deps, deps.programme, customer.id);
    const view = await memberRewards(withRewardRepositories(deps), customer.id, { expose: true });
    const tiers = view.tierCode ? await tierRepository(deps.db).config() : null;
    const tier = tiers?.tiers.find((t) => t.code === view.tierCode);
    const expiring = summary.nextExpiring;
    return {
      points: {
        balance: summary.balance,
        pending: summary.pending,
        expiring: expiring
          ? {
              points: expiring.points,
              expiresAt: expiring.expiresAt.toISOString(),
              expiresOn: expiring.expiresAt.toISOString().slice(0, 10),
            }
          : null,
      },
      tier: view.tierCode ? { code: view.tierCode, name: tier?.name ?? view.tierCode } : null,
      rewards: view.rewards
        .filter((r) => r.reasons.length === 0)
        .map(({ reward }) => ({
          id: reward.id,
          name: reward.name,
          description: reward.description,
          pointsCost: reward.pointsCost,
        })),
    };
  };

/** Messaging deps that can also render: personal data, suggestions, unsubscribe links. */
export const renderingDeps = (deps: Bound, env: MessagingEnv): MessagingDeps & RenderDeps => ({
  ...messagingDeps(deps),
  personalData: personalData(deps),
  suggestions: (customerId) => env.suggestions(deps.db, customerId),
  unsubscribeUrl: async (customerId) =>
    unsubscribeUrl(
      linkBase(deps.programme, env.publicUrl),
      signUnsubscribeToken(await env.unsubscribeKey(deps.db, deps.clock), customerId),
    ),
  surveyLinks: async (customerId) => {
    const surveys = await deps.db
      .selectFrom('survey')
      .select(['id', 'key'])
      .where('status', '=', 'active')
      .execute();
    if (surveys.length === 0) return {};
    const key = await env.surveyKey(deps.db, deps.clock);
    const base = linkBase(deps.programme, env.publicUrl);
    return Object.fromEntries(
      surveys.map((s) => [
        s.key,
        `${base}/s/${signSurveyToken(key, { surveyId: s.id, customerId })}`,
      ]),
    );
  },
});
