import type { Kysely, Selectable } from 'kysely';
import type { CardRepository, CardSecretStore, MemberCard } from '../core/cards/cards.js';
import type { DB, MemberCardTable } from './schema.js';

const toCard = (row: Selectable<MemberCardTable>): MemberCard => ({
  id: row.id,
  customerId: row.customer_id,
  issuedAt: row.issued_at,
  revokedAt: row.revoked_at,
});

export const cardRepository = (db: Kysely<DB>): CardRepository => {
  const findActive = async (customerId: string) => {
    const row = await db
      .selectFrom('member_card')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row ? toCard(row) : null;
  };
  return {
    findById: async (cardId) => {
      const row = await db
        .selectFrom('member_card')
        .selectAll()
        .where('id', '=', cardId)
        .executeTakeFirst();
      return row ? toCard(row) : null;
    },
    findActive,
    issueIfNone: async (card) => {
      // The partial unique index allows one active card per customer; a concurrent issue wins.
      await db
        .insertInto('member_card')
        .values({
          id: card.id,
          customer_id: card.customerId,
          issued_at: card.issuedAt,
          revoked_at: null,
        })
        .onConflict((oc) => oc.column('customer_id').where('revoked_at', 'is', null).doNothing())
        .execute();
      const active = await findActive(card.customerId);
      if (!active) throw new Error(`no active card for ${card.customerId} right after issuing one`);
      return active;
    },
    revokeActive: async (customerId, at) => {
      await db
        .updateTable('member_card')
        .set({ revoked_at: at })
        .where('customer_id', '=', customerId)
        .where('revoked_at', 'is', null)
        .execute();
    },
    // The tiers module's tables, read here only for the POS view (as the cards brief asks).
    tierOf: async (customerId) => {
      const row = await db
        .selectFrom('member_tier')
        .innerJoin('tier_definition', 'tier_definition.code', 'member_tier.tier_code')
        .select(['tier_definition.code', 'tier_definition.name'])
        .where('member_tier.customer_id', '=', customerId)
        .executeTakeFirst();
      return row ? { code: row.code, name: row.name } : null;
    },
  };
};

const CARD_SECRET_NAME = 'card_signing_key';

/** The generated card signing key, in app_secret; the first value stored stays. */
export const cardSecretStore = (db: Kysely<DB>): CardSecretStore => ({
  commitsAtOnce: !db.isTransaction,
  read: async () => {
    const row = await db
      .selectFrom('app_secret')
      .select('value')
      .where('name', '=', CARD_SECRET_NAME)
      .executeTakeFirst();
    return row?.value ?? null;
  },
  insertIfAbsent: async (value, at) => {
    const inserted = await db
      .insertInto('app_secret')
      .values({ name: CARD_SECRET_NAME, value, created_at: at })
      .onConflict((oc) => oc.column('name').doNothing())
      .returning('name')
      .executeTakeFirst();
    return inserted !== undefined;
  },
});
