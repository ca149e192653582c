import { sql, type Kysely, type RawBuilder } from 'kysely';
import type {
  ReferralStatsBounds,
  ReferralStatsSource,
} from '../core/referrals/referrals.stats.js';
import type { DB } from './schema.js';

/**
 * The referral programme's figures, one set-based statement per group. Points come from the ledger
 * entries the referral awards themselves posted: `creditAward` keys them
 * `award:referral:<id>:referrer|friend` (awardKeys in referrals.reactions.ts) and `reverseAward`
 * keys their reversal `reverse:award:…`; keys are unique per customer, so each join names the
 * customer credited (the referrer or the friend) with the key and is an index lookup.
 * Earning rules fired by `referral.converted` post their own entries and are not counted here.
 */

/** `column` within [start, end); an open bound is no condition. */
const within = (column: string, bounds: ReferralStatsBounds): RawBuilder<boolean> => {
  const conditions: RawBuilder<unknown>[] = [];
  if (bounds.start) conditions.push(sql`${sql.ref(column)} >= ${bounds.start}`);
  if (bounds.end) conditions.push(sql`${sql.ref(column)} < ${bounds.end}`);
  return conditions.length === 0
    ? sql<boolean>`true`
    : sql<boolean>`(${sql.join(conditions, sql` and `)})`;
};

// The side is one of two constants, written into the statement as a literal.
const awardKey = (side: 'referrer' | 'friend') =>
  sql<string>`('award:referral:' || r.id || ${sql.raw(`':${side}'`)})`;

type Figure = number | string;

export const referralStatsSource = (db: Kysely<DB>): ReferralStatsSource => ({
  // Made, pending and refused by when the referral was made; converted and reversed by when that
  // happened, so a window counts what happened in it.
  referralCounts: async (bounds) => {
    const made = within('r.created_at', bounds);
    const { rows } = await sql<
      Record<'total' | 'pending' | 'converted' | 'reversed' | 'refused', Figure>
    >`
      select count(*) filter (where ${made}) as total,
             count(*) filter (where r.status = 'pending' and ${made}) as pending,
             count(*) filter (where r.status = 'converted' and ${within('r.converted_at', bounds)})
               as converted,
             count(*) filter (where r.status = 'reversed' and ${within('r.reversed_at', bounds)})
               as reversed,
             count(*) filter (where r.status = 'refused' and ${made}) as refused
        from referral r
    `.execute(db);
    const row = rows[0]!;
    return {
      total: Number(row.total),
      pending: Number(row.pending),
      converted: Number(row.converted),
      reversed: Number(row.reversed),
      refused: Number(row.refused),
    };
  },

  // Dated by the entries' effective_at: awards when the referral converted, reversals when it was
  // reversed. Only converted and reversed referrals ever posted any.
  referralPoints: async (bounds) => {
    const { rows } = await sql<Record<'referrers' | 'friends' | 'reversed', Figure>>`
      select coalesce(sum(e.points) filter (where k.kind = 'award' and k.side = 'referrer'), 0)
               as referrers,
             coalesce(sum(e.points) filter (where k.kind = 'award' and k.side = 'friend'), 0)
               as friends,
             coalesce(sum(e.points) filter (where k.kind = 'reverse'), 0) as reversed
        from referral r
       cross join lateral (values
               ('award', 'referrer', r.referrer_id, ${awardKey('referrer')}),
               ('award', 'friend', r.referred_id, ${awardKey('friend')}),
               ('reverse', 'referrer', r.referrer_id, 'reverse:' || ${awardKey('referrer')}),
               ('reverse', 'friend', r.referred_id, 'reverse:' || ${awardKey('friend')})
             ) as k(kind, side, customer_id, key)
        join ledger_entry e on e.customer_id = k.customer_id and e.idempotency_key = k.key
       where r.status in ('converted', 'reversed') and ${within('e.effective_at', bounds)}
    `.execute(db);
    const row = rows[0]!;
    return {
      referrers: Number(row.referrers),
      friends: Number(row.friends),
      reversed: Number(row.reversed),
    };
  },

  // Members by their conversions in the window that stand, with the referrer points the ledger
  // posted for them (none past the yearly cap, hence the left join).
  topReferrers: async (bounds, limit) => {
    const { rows } = await sql<{
      customer_id: string;
      name: string | null;
      email: string | null;
      converted: Figure;
      points_earned: Figure;
    }>`
      select r.referrer_id as customer_id,
             nullif(trim(concat_ws(' ', c.first_name, c.last_name)), '') as name,
             c.email,
             count(*) as converted,
             coalesce(sum(e.points), 0) as points_earned
        from referral r
        join customer c on c.id = r.referrer_id
        left join ledger_entry e
               on e.customer_id = r.referrer_id and e.idempotency_key = ${awardKey('referrer')}
       where r.status = 'converted' and ${within('r.converted_at', bounds)}
       group by r.referrer_id, c.first_name, c.last_name, c.email
       order by converted desc, points_earned desc, r.referrer_id
       limit ${limit}
    `.execute(db);
    return rows.map((row) => ({
      customerId: row.customer_id,
      name: row.name,
      email: row.email,
      converted: Number(row.converted),
      pointsEarned: Number(row.points_earned),
    }));
  },
});
