import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../events/events.js';
import { planOutbox, stateAfterAttempt, subscribesTo, type SendResult } from './webhooks.plan.js';
import { newWebhookSecret, signWebhook, webhookHeaders } from './webhooks.signing.js';
import { RETRY_SCHEDULE_MS, UpdateWebhookSchema, CreateWebhookSchema } from './webhooks.js';

const at = new Date('2026-11-25T10:00:00.000Z');

const earned: DomainEvent = {
  type: 'points.earned',
  customerId: 'cus_1',
  occurredAt: at,
  data: {
    points: 5,
    entryId: 'ent_1',
    reason: 'order',
    orderId: 'ord_1',
    eventId: null,
    pending: false,
  },
};
const internal: DomainEvent = {
  type: 'rule.issue',
  customerId: 'cus_1',
  occurredAt: at,
  data: { ruleId: 'rul_1', ruleVersion: 1, kind: 'coupon', ref: 'b', sourceKey: 'k' },
};

const ids = () => {
  let n = 0;
  return (kind: string) => `${kind}_${(n += 1)}`;
};

describe('signing', () => {
  it('matches the Standard Webhooks test vector', () => {
    expect(
      signWebhook(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('makes secrets of 32 random bytes behind whsec_', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('signs with the previous secret too while it is valid after a rotation', () => {
    const secrets = {
      current: newWebhookSecret(),
      previous: newWebhookSecret(),
      previousExpiresAt: new Date(at.getTime() + 1000),
    };
    const during = webhookHeaders(secrets, 'msg_1', at, '{}');
    expect(during['webhook-timestamp']).toBe(String(at.getTime() / 1000));
    expect(during['webhook-signature']!.split(' ')).toEqual([
      signWebhook(secrets.current, 'msg_1', at.getTime() / 1000, '{}'),
      signWebhook(secrets.previous, 'msg_1', at.getTime() / 1000, '{}'),
    ]);
    const after = webhookHeaders(secrets, 'msg_1', new Date(at.getTime() + 1000), '{}');
    expect(after['webhook-signature']!.split(' ')).toHaveLength(1);
  });
});

describe('planOutbox', () => {
  it('makes one message per event and one delivery per subscription that takes it', () => {
    const plan = planOutbox(
      [earned, internal],
      [
        { id: 'whk_all', eventTypes: ['*'] },
        { id: 'whk_points', eventTypes: ['points.earned'] },
        { id: 'whk_tiers', eventTypes: ['tier.changed'] },
      ],
      ids(),
    );
    expect(plan.messages).toEqual([
      {
        id: 'webhookMessage_1',
        type: 'points.earned',
        customerId: 'cus_1',
        createdAt: at,
        payload: JSON.stringify({
          type: 'points.earned',
          timestamp: '2026-11-25T10:00:00.000Z',
          data: { customerId: 'cus_1', ...earned.data },
        }),
      },
    ]);
    expect(plan.deliveries.map((d) => [d.subscriptionId, d.messageId])).toEqual([
      ['whk_all', 'webhookMessage_1'],
      ['whk_points', 'webhookMessage_1'],
    ]);
  });

  it('writes nothing for internal events or events nobody takes', () => {
    expect(planOutbox([internal], [{ id: 'whk_all', eventTypes: ['*'] }], ids())).toEqual({
      messages: [],
      deliveries: [],
    });
    expect(
      planOutbox([earned], [{ id: 'w', eventTypes: ['tier.changed'] }], ids()).messages,
    ).toEqual([]);
    expect(subscribesTo({ id: 'w', eventTypes: ['*'] }, 'order.earned')).toBe(true);
  });
});

describe('stateAfterAttempt', () => {
  const fail: SendResult = { ok: false, statusCode: 500, responseExcerpt: '', error: null };

  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then fails', () => {
    const waits = RETRY_SCHEDULE_MS.map((_, i) => {
      const state = stateAfterAttempt(fail, i + 1, at, RETRY_SCHEDULE_MS);
      expect(state.status).toBe('pending');
      return state.nextAttemptAt!.getTime() - at.getTime();
    });
    expect(waits).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(stateAfterAttempt(fail, 8, at, RETRY_SCHEDULE_MS)).toEqual({
      status: 'failed',
      nextAttemptAt: null,
      completedAt: at,
    });
  });

  it('ends a delivery on a 2xx answer', () => {
    const ok: SendResult = { ok: true, statusCode: 204, responseExcerpt: '' };
    expect(stateAfterAttempt(ok, 3, at, RETRY_SCHEDULE_MS)).toEqual({
      status: 'succeeded',
      nextAttemptAt: null,
      completedAt: at,
    });
  });
});

describe('subscription input', () => {
  it('names the field at fault', () => {
    const paths = (input: unknown) =>
      CreateWebhookSchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ url: 'ftp://x.example/h', eventTypes: ['order.earned'] })).toEqual(['url']);
    expect(paths({ url: 'https://x.example/h', eventTypes: ['nope'] })).toEqual(['eventTypes.0']);
    expect(paths({ url: 'https://x.example/h', eventTypes: ['*', 'tier.changed'] })).toEqual([
      'eventTypes',
    ]);
    expect(paths({ url: 'http://127.0.0.1:8080/h', eventTypes: ['*'] })).toBeUndefined();
    expect(UpdateWebhookSchema.safeParse({}).success).toBe(false);
    expect(UpdateWebhookSchema.safeParse({ active: false }).success).toBe(true);
  });
});
