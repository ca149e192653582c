import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUnsubscribeToken } from '../src/core/messaging/unsubscribe-token.js';
import { messagingEnv } from '../src/app/messaging-deps.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, unique } from './support/fixtures.js';

const clock = manualClock(new Date('2026-06-01T09:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

/** A public call: no API key. */
const publicCall = (method: string, path: string, body?: unknown, headers = {}) =>
  t.call(method, path, body, { authorization: '', ...headers });

const createReward = async (fields: Record<string, unknown> = {}) =>
  t.call('POST', '/v1/rewards', {
    name: 'Free coffee',
    description: 'Any size, any day',
    kind: 'free_product',
    sku: unique('coffee'),
    pointsCost: 100,
    ...fields,
  });

const TIERS = {
  policy: { metric: 'points', window: { kind: 'rolling', days: 365 }, graceDays: 0 },
  tiers: [
    {
      code: 'silver',
      name: 'Silver',
      threshold: 0,
      benefits: ['Free delivery'],
      translations: { de: { name: 'Silber', benefits: ['Kostenlose Lieferung'] } },
    },
    { code: 'gold', name: 'Gold', threshold: 1000, translations: { de: { name: 'Gold (DE)' } } },
  ],
};

const memberOf = async (locale: string | null) => {
  const customer = await createCustomer(t, locale ? { locale } : {});
  const card = await t.call('GET', `/v1/customers/${customer.id}/card`);
  expect(card.status).toBe(200);
  const award = await t.call(
    'POST',
    `/v1/customers/${customer.id}/points/adjust`,
    { points: 500, reason: 'test' },
    { 'idempotency-key': unique('adj') },
  );
  expect(award.status).toBeLessThan(300);
  // Silver needs nothing: placement puts every member in it.
  expect((await t.call('POST', '/v1/tiers/placement')).status).toBeLessThan(300);
  return { id: customer.id, token: card.body.token as string };
};

describe('translated programme content', () => {
  it('a reward’s translations round-trip through create, read and patch', async () => {
    const created = await createReward({
      translations: {
        de: { name: 'Gratis Kaffee', description: 'Jede Größe' },
        et: { name: 'Tasuta kohv' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.translations).toEqual({
      de: { name: 'Gratis Kaffee', description: 'Jede Größe' },
      et: { name: 'Tasuta kohv' },
    });
    const read = await t.call('GET', `/v1/rewards/${created.body.id}`);
    expect(read.body.translations.et).toEqual({ name: 'Tasuta kohv' });
    const patched = await t.call('PATCH', `/v1/rewards/${created.body.id}`, {
      translations: { ru: { name: 'Бесплатный кофе' } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.translations).toEqual({ ru: { name: 'Бесплатный кофе' } });
    expect(patched.body.name).toBe('Free coffee');
  });

  it('a tier configuration keeps its translations', async () => {
    const saved = await t.call('PUT', '/v1/tiers', TIERS);
    expect(saved.status).toBe(200);
    const read = await t.call('GET', '/v1/tiers');
    expect(read.body.tiers[0].translations).toEqual({
      de: { name: 'Silber', benefits: ['Kostenlose Lieferung'] },
    });
    expect(read.body.tiers[1].translations).toEqual({ de: { name: 'Gold (DE)' } });
  });

  it('an unsupported locale is a 400 naming the field, and nothing is written', async () => {
    const before = (await t.call('GET', '/v1/rewards')).body.rewards.length;
    const bad = await createReward({ translations: { fr: { name: 'Café offert' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('translations.fr');
    expect((await t.call('GET', '/v1/rewards')).body.rewards.length).toBe(before);

    const empty = await createReward({ translations: { de: { name: '' } } });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe('translations.de.name');

    const tier = await t.call('PUT', '/v1/tiers', {
      ...TIERS,
      tiers: [{ ...TIERS.tiers[0], translations: { xx: { name: 'X' } } }],
    });
    expect(tier.status).toBe(400);
    expect(tier.body.errors[0].path).toBe('tiers.0.translations.xx');
  });

  it('the member page answers in the member’s language, falling back to the default text', async () => {
    await t.call('PUT', '/v1/tiers', TIERS);
    const reward = await createReward({
      translations: { de: { name: 'Gratis Kaffee' } },
    });
    expect(reward.status).toBe(201);

    const german = await memberOf('de-AT');
    const summary = await publicCall('GET', `/m/api/${german.token}`);
    expect(summary.status).toBe(200);
    const mine = summary.body.rewards.find((r: { id: string }) => r.id === reward.body.id);
    expect(mine.name).toBe('Gratis Kaffee');
    // Not translated: the default description stays.
    expect(mine.description).toBe('Any size, any day');
    expect(summary.body.tier.current).toMatchObject({
      name: 'Silber',
      benefits: ['Kostenlose Lieferung'],
    });
    expect(summary.body.tier.next.name).toBe('Gold (DE)');

    const redeemed = await publicCall(
      'POST',
      `/m/api/${german.token}/rewards/${reward.body.id}/redeem`,
      {},
      { 'idempotency-key': unique('k'), 'content-type': 'application/json' },
    );
    expect(redeemed.status).toBe(201);
    expect(redeemed.body.reward.name).toBe('Gratis Kaffee');

    for (const locale of ['fr', null]) {
      const other = await memberOf(locale);
      const body = (await publicCall('GET', `/m/api/${other.token}`)).body;
      expect(body.rewards.find((r: { id: string }) => r.id === reward.body.id).name).toBe(
        'Free coffee',
      );
      expect(body.tier.current).toMatchObject({ name: 'Silver', benefits: ['Free delivery'] });
    }
  });
});

describe('public pages in the customer’s language', () => {
  it('the survey page is in German for a German customer, in English otherwise', async () => {
    const survey = await t.call('POST', '/v1/surveys', {
      key: unique('survey').toLowerCase(),
      title: 'Wie war es?',
      questions: [{ id: 'nps', type: 'nps', prompt: 'Würden Sie uns empfehlen?' }],
      status: 'active',
    });
    expect(survey.status).toBe(201);
    const pageFor = async (locale: string | null) => {
      const customer = await createCustomer(t, locale ? { locale } : {});
      const link = await t.call(
        'GET',
        `/v1/surveys/${survey.body.id}/link?customerId=${customer.id}`,
      );
      return publicCall('GET', `/s/${link.body.token}`, undefined, { accept: 'text/html' });
    };
    const german = await pageFor('de');
    expect(german.status).toBe(200);
    expect(german.body).toContain('<html lang="de">');
    expect(german.body).toContain('Antworten senden');
    expect(german.body).toContain('äußerst wahrscheinlich');
    const english = await pageFor(null);
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Send my answers');
  });

  it('the unsubscribe page and its confirmation are in German for a German customer', async () => {
    const customer = await createCustomer(t, { locale: 'de' });
    const key = await messagingEnv().unsubscribeKey(t.database.db, clock);
    const token = signUnsubscribeToken(key, customer.id);
    const page = await publicCall('GET', `/u/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="de">');
    expect(page.body).toContain('<button type="submit">Abmelden</button>');
    const done = await publicCall('POST', `/u/${token}`, 'List-Unsubscribe=One-Click', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(done.status).toBe(200);
    expect(done.body).toContain('Sie erhalten keine Werbe-E-Mails mehr.');

    const invalid = await publicCall('GET', `/u/${customer.id}.AAAA`, undefined, {
      'accept-language': 'ru-RU,ru;q=0.9',
    });
    expect(invalid.status).toBe(404);
    expect(invalid.body).toContain('Ссылка недействительна');
  });
});
