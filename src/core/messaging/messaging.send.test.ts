import { describe, expect, it } from 'vitest';
import { manualClock } from '../shared/clock.js';
import { MessagingSettingsSchema, type ClaimedMessage, type SendOutcome } from './messaging.js';
import { outgoingMail, sendDueMessages, type Mailer } from './messaging.send.js';

const settings = MessagingSettingsSchema.parse({ fromAddress: 'hi@shop.example' });
const rendered = {
  to: 'ann@example.com',
  locale: 'en',
  subject: 's',
  html: '<p>h</p>',
  text: 't',
  unsubscribeUrl: 'https://shop.example/u/tok',
};

describe('outgoingMail', () => {
  it('gives marketing the RFC 8058 headers and a Message-ID from our id', () => {
    const mail = outgoingMail('eml_1', rendered, settings);
    expect(mail.messageId).toBe('<eml_1@shop.example>');
    expect(mail.headers).toEqual({
      'List-Unsubscribe': '<https://shop.example/u/tok>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(outgoingMail('eml_1', { ...rendered, unsubscribeUrl: null }, settings).headers).toEqual(
      {},
    );
  });
});

describe('sendDueMessages', () => {
  const claim = (attempt: number): ClaimedMessage => ({
    id: 'eml_1',
    attempt,
    customerId: 'cus_1',
    templateKey: 'k',
    kind: 'transactional',
    data: {},
    campaignId: null,
    journey: null,
  });
  const run = async (attempt: number, mailer: Mailer | null) => {
    const outcomes: SendOutcome[] = [];
    let claimed = false;
    await sendDueMessages({
      clock: manualClock(new Date('2026-11-26T10:00:00Z')),
      mailer,
      prepare: async () => ({ ok: true, rendered }),
      retryScheduleMs: [1_000],
      messaging: {
        settings: async () => settings,
        claimDue: async () => (claimed ? [] : ((claimed = true), [claim(attempt)])),
        recordOutcome: async (_c, outcome) => {
          outcomes.push(outcome);
          return true;
        },
        releaseClaims: async () => 0,
      },
    });
    return outcomes[0];
  };
  const refusing: Mailer = async () => {
    throw new Error('451 try later');
  };

  it('retries a refused message on schedule, then fails it', async () => {
    expect(await run(1, refusing)).toMatchObject({
      status: 'queued',
      retryAt: new Date('2026-11-26T10:00:01Z'),
      error: '451 try later',
    });
    expect(await run(2, refusing)).toMatchObject({ status: 'failed', reason: 'smtp_error' });
  });

  it('keeps a message in the outbox without a mailer', async () => {
    expect(await run(1, null)).toEqual({ status: 'outbox' });
  });
});
