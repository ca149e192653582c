import { sql, type Kysely } from 'kysely';
import type { TimelineKind, TimelineSource } from '../../core/feedback/timeline.js';
import type { DB } from '../schema.js';

interface Row {
  at: Date;
  kind: TimelineKind;
  id: string;
  detail: Record<string, unknown>;
}

/**
 * A customer's timeline as one statement: a `union all` of every kind of record that names the
 * customer (each branch by its customer index), ordered by (at, kind, id) descending and cut at the
 * cursor, so a page costs one query however many kinds there are. Times are compared at
 * millisecond precision, the precision a cursor carries.
 */
export const timelineQueries = (db: Kysely<DB>): TimelineSource => ({
  page: async ({ customerId, limit, before }) => {
    const c = customerId;
    const { rows } = await sql<Row>`
      select date_trunc('milliseconds', t.at) as at, t.kind, t.id, t.detail
        from (
          select o.placed_at as at, 'order' as kind, o.id,
                 jsonb_build_object('orderId', o.id, 'externalId', o.external_id,
                   'totalMinor', o.total_minor, 'currency', o.currency, 'channel', o.channel,
                   'pointsEarned', o.points_earned) as detail
            from sales_order o where o.customer_id = ${c}
          union all
          select r.created_at, 'return', r.id,
                 jsonb_build_object('returnId', r.id, 'orderId', r.order_id,
                   'amountMinor', r.amount_minor, 'pointsReversed', r.points_reversed,
                   'reason', r.reason)
            from order_return r where r.customer_id = ${c}
          union all
          select e.effective_at, 'points', e.id,
                 jsonb_build_object('entryId', e.id, 'code', e.code, 'reason', e.reason,
                   'points', case when e.credit_account_id = ${c} || ':points' then e.points
                                  when e.debit_account_id = ${c} || ':points' then -e.points else 0 end,
                   'pendingPoints', case when e.credit_account_id = ${c} || ':pending' then e.points
                                         when e.debit_account_id = ${c} || ':pending' then -e.points else 0 end,
                   'orderId', e.order_id)
            from ledger_entry e
           where e.customer_id = ${c}
          union all
          select rr.created_at, 'reward', rr.id,
                 jsonb_build_object('redemptionId', rr.id, 'rewardId', rr.reward_id,
                   'rewardName', rw.name, 'couponId', rr.coupon_id, 'pointsSpent', rr.points_spent)
            from reward_redemption rr join reward rw on rw.id = rr.reward_id
           where rr.customer_id = ${c}
          union all
          select cr.redeemed_at, 'coupon', cr.id,
                 jsonb_build_object('redemptionId', cr.id, 'couponId', cr.coupon_id,
                   'orderExternalId', cr.order_external_id, 'discountMinor', cr.discount_minor,
                   'currency', cr.currency, 'status', cr.status)
            from coupon_redemption cr where cr.customer_id = ${c}
          union all
          select tc.changed_at, 'tier', tc.customer_id || ':' || lpad(tc.seq::text, 10, '0'),
                 jsonb_build_object('fromTier', tc.from_tier, 'toTier', tc.to_tier,
                   'reason', tc.reason)
            from tier_change tc where tc.customer_id = ${c}
          union all
          select la.occurred_at, 'activity', la.id,
                 jsonb_build_object('activityId', la.id, 'trigger', la.trigger, 'name', la.name)
            from loyalty_activity la where la.customer_id = ${c}
          union all
          select sr.submitted_at, 'survey', sr.id,
                 jsonb_build_object('responseId', sr.id, 'surveyId', sr.survey_id,
                   'surveyKey', s.key, 'surveyTitle', s.title)
            from survey_response sr join survey s on s.id = sr.survey_id
           where sr.customer_id = ${c}
          union all
          select rv.submitted_at, 'review', rv.id,
                 jsonb_build_object('reviewId', rv.id, 'externalId', rv.external_id,
                   'sku', rv.sku, 'rating', rv.rating)
            from review rv where rv.customer_id = ${c}
          union all
          select cp.opened_at, 'complaint', cp.id,
                 jsonb_build_object('complaintId', cp.id, 'subject', cp.subject,
                   'channel', cp.channel, 'status', cp.status)
            from complaint cp where cp.customer_id = ${c}
          union all
          select coalesce(m.sent_at, m.created_at), 'message', m.id,
                 jsonb_build_object('messageId', m.id, 'templateKey', m.template_key,
                   'subject', m.subject, 'status', m.status, 'messageKind', m.kind,
                   'campaignId', m.campaign_id)
            from message m where m.customer_id = ${c}
        ) as t
       ${
         before
           ? sql`where (date_trunc('milliseconds', t.at), t.kind, t.id)
                     < (${before.at}::timestamptz, ${before.kind}, ${before.id})`
           : sql``
       }
       order by 1 desc, 2 desc, 3 desc
       limit ${limit}
    `.execute(db);
    return rows.map((r) => ({ ...r, at: new Date(r.at) }));
  },
});
