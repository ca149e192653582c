import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xmlProblems } from '../src/core/analytics/charts/xml.test-support.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, points, unique } from './support/fixtures.js';

const clock = manualClock(new Date('2026-03-01T09:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

const QUESTIONS = [
  { id: 'nps', type: 'nps', prompt: 'How likely are you to recommend us to a friend?' },
  { id: 'csat', type: 'csat', prompt: 'How satisfied are you with your last order?' },
  { id: 'why', type: 'text', prompt: 'What should we change?' },
  { id: 'visit', type: 'choice', prompt: 'Where did you shop?', options: ['web', 'store'] },
];

const createSurvey = async (fields: Record<string, unknown> = {}) => {
  const res = await t.call('POST', '/v1/surveys', {
    key: unique('survey').toLowerCase(),
    title: 'How did we do?',
    questions: QUESTIONS,
    status: 'active',
    ...fields,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; key: string };
};

const linkOf = async (surveyId: string, customerId: string) => {
  const res = await t.call('GET', `/v1/surveys/${surveyId}/link?customerId=${customerId}`);
  expect(res.status).toBe(200);
  return res.body as { url: string; token: string };
};

/** A public call: no API key. */
const publicCall = (method: string, path: string, body?: unknown, headers = {}) =>
  t.call(method, path, body, { authorization: '', ...headers });

const activeRule = async (trigger: string, pointsEach: number) => {
  const res = await t.call('POST', '/v1/rules', {
    document: {
      schemaVersion: 1,
      name: `${pointsEach} for ${trigger}`,
      trigger,
      effects: [{ type: 'points.fixed', points: pointsEach }],
    },
    status: 'active',
  });
  expect(res.status).toBe(201);
  return res.body as { id: string };
};

describe('surveys', () => {
  it('creates, lists, reads and changes surveys; a bad question is a 400 naming it', async () => {
    const survey = await createSurvey({ status: 'draft' });
    expect((await t.call('GET', `/v1/surveys/${survey.id}`)).body.questions).toHaveLength(4);
    const list = await t.call('GET', '/v1/surveys?status=draft');
    expect(list.body.surveys.map((s: { id: string }) => s.id)).toContain(survey.id);
    const patched = await t.call('PATCH', `/v1/surveys/${survey.id}`, { title: 'New' });
    expect(patched.body.title).toBe('New');
    const bad = await t.call('POST', '/v1/surveys', {
      key: 'bad',
      title: 'x',
      questions: [{ id: 'q', type: 'choice', prompt: 'Pick', options: ['only'] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('questions.0.options');
    const taken = await t.call('POST', '/v1/surveys', {
      key: survey.key,
      title: 'x',
      questions: QUESTIONS,
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('survey_key_taken');
  });

  it('a survey answer through the public link earns the survey.answered rule once, even posted twice', async () => {
    await activeRule('survey.answered', 50);
    const survey = await createSurvey();
    const customer = await createCustomer(t);
    const link = await linkOf(survey.id, customer.id);
    expect(link.url).toBe(`http://localhost:3000/s/${link.token}`);
    expect(link.token).not.toContain(customer.id);

    const shown = await publicCall('GET', `/s/${link.token}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ survey: { id: survey.id }, answered: false });

    const answers = { nps: 10, csat: 5, why: 'Nothing', visit: 'web' };
    const first = await publicCall('POST', `/s/${link.token}`, { answers });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ customerId: customer.id, points: 50, created: true });
    const again = await publicCall('POST', `/s/${link.token}`, { answers: { ...answers, nps: 0 } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, points: 50, created: false });
    expect(again.body.answers[0]).toMatchObject({ questionId: 'nps', score: 10 });
    expect((await points(t, customer.id)).balance).toBe(50);

    // The member page / POS path reaches the same single response.
    const api = await t.call('POST', `/v1/customers/${customer.id}/survey-responses`, {
      surveyId: survey.id,
      answers,
    });
    expect(api.status).toBe(200);
    expect(api.body.id).toBe(first.body.id);
    expect((await points(t, customer.id)).balance).toBe(50);
    expect((await publicCall('GET', `/s/${link.token}`)).body.answered).toBe(true);

    const activities = await t.call('GET', `/v1/customers/${customer.id}/awards`);
    expect(activities.body.awards).toHaveLength(1);
  });

  it('two answers posted at once record one response and award once', async () => {
    const survey = await createSurvey();
    const customer = await createCustomer(t);
    const { token } = await linkOf(survey.id, customer.id);
    const answers = { nps: 8, csat: 4, visit: 'store' };
    const results = await Promise.all([
      publicCall('POST', `/s/${token}`, { answers }),
      publicCall('POST', `/s/${token}`, { answers }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(results[0]!.body.id).toBe(results[1]!.body.id);
    expect((await points(t, customer.id)).balance).toBe(50);
  });

  it('a tampered or junk token is a 404 and writes nothing', async () => {
    const survey = await createSurvey();
    const customer = await createCustomer(t);
    const { token } = await linkOf(survey.id, customer.id);
    const dot = token.indexOf('.');
    for (const i of [0, dot - 1, dot + 1, token.length - 1]) {
      const bad = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect((await publicCall('GET', `/s/${bad}`)).status).toBe(404);
      const post = await publicCall('POST', `/s/${bad}`, { answers: { nps: 9 } });
      expect(post.status).toBe(404);
      expect(post.body.code).toBe('survey_link_not_found');
    }
    // A token for another customer cannot be made by swapping ids.
    const other = await createCustomer(t);
    const forged = `${Buffer.from(`${survey.id}:${other.id}`).toString('base64url')}${token.slice(dot)}`;
    expect((await publicCall('GET', `/s/${forged}`)).status).toBe(404);
    expect((await publicCall('GET', '/s/x')).status).toBe(404);
    expect((await points(t, customer.id)).balance).toBe(0);
  });

  it('answers that do not fit are a 400 naming each question; nothing is recorded', async () => {
    const survey = await createSurvey();
    const customer = await createCustomer(t);
    const { token } = await linkOf(survey.id, customer.id);
    const res = await publicCall('POST', `/s/${token}`, {
      answers: { nps: 11, csat: 3, visit: 'phone' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_answers');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'answers.nps',
      'answers.visit',
    ]);
    expect(res.body.errors[0].message).toContain('How likely are you to recommend us');
    const missing = await t.call('POST', `/v1/customers/${customer.id}/survey-responses`, {
      surveyId: survey.id,
      answers: { csat: 3, visit: 'web' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { path: 'answers.nps', message: expect.stringContaining('needs an answer') },
    ]);
    expect((await publicCall('GET', `/s/${token}`)).body.answered).toBe(false);
  });

  it('serves an accessible HTML form and takes its form post', async () => {
    const survey = await createSurvey();
    const customer = await createCustomer(t);
    const { token } = await linkOf(survey.id, customer.id);
    const page = await publicCall('GET', `/s/${token}`, undefined, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain(`<form method="post" action="/s/${token}">`);
    expect(page.body).toContain('<legend>How likely are you to recommend us to a friend?');
    const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
    const bad = await publicCall('POST', `/s/${token}`, 'nps=12&csat=4&visit=web', form);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('role="alert"');
    const ok = await publicCall('POST', `/s/${token}`, 'nps=9&csat=4&visit=store&why=', form);
    expect(ok.status).toBe(201);
    expect(ok.body).toContain('Thank you');
  });

  it('an inactive survey takes no answers; questions cannot change once answered', async () => {
    const survey = await createSurvey({ status: 'draft' });
    const customer = await createCustomer(t);
    const res = await t.call('POST', `/v1/customers/${customer.id}/survey-responses`, {
      surveyId: survey.id,
      answers: { nps: 9, csat: 4, visit: 'web' },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('survey_not_active');
    await t.call('PATCH', `/v1/surveys/${survey.id}`, { status: 'active' });
    const ok = await t.call('POST', `/v1/customers/${customer.id}/survey-responses`, {
      surveyId: survey.id,
      answers: { nps: 9, csat: 4, visit: 'web' },
    });
    expect(ok.status).toBe(201);
    const change = await t.call('PATCH', `/v1/surveys/${survey.id}`, { questions: QUESTIONS });
    expect(change.status).toBe(409);
  });

  it('counts each survey’s responses, whatever their questions, in the list and one by one', async () => {
    const scored = await createSurvey();
    const textOnly = await createSurvey({
      questions: [{ id: 'note', type: 'text', prompt: 'Anything to tell us?' }],
    });
    const unanswered = await createSurvey();
    const answer = async (surveyId: string, answers: Record<string, unknown>) => {
      const customer = await createCustomer(t);
      const res = await t.call('POST', `/v1/customers/${customer.id}/survey-responses`, {
        surveyId,
        answers,
      });
      expect(res.status).toBe(201);
      return customer.id;
    };
    const again = await answer(scored.id, { nps: 3, csat: 2, visit: 'store' });
    await answer(scored.id, { nps: 10, csat: 5, visit: 'web' });
    await answer(textOnly.id, { note: 'Lovely shop' });
    await answer(textOnly.id, {}); // every question optional: an empty response still counts
    await answer(textOnly.id, { note: 'Too slow' });
    // A repeat is the first response again, not another one.
    const repeat = await t.call('POST', `/v1/customers/${again}/survey-responses`, {
      surveyId: scored.id,
      answers: { nps: 9, csat: 4, visit: 'web' },
    });
    expect(repeat.status).toBe(200);

    const list = await t.call('GET', '/v1/surveys');
    const responses = Object.fromEntries(
      list.body.surveys.map((s: { id: string; responses: number }) => [s.id, s.responses]),
    );
    expect([scored.id, textOnly.id, unanswered.id].map((id) => responses[id])).toEqual([2, 3, 0]);
    expect((await t.call('GET', `/v1/surveys/${textOnly.id}`)).body.responses).toBe(3);
    expect((await t.call('GET', `/v1/surveys/${unanswered.id}`)).body.responses).toBe(0);
  });
});

describe('NPS and CSAT over time', () => {
  const answerAt = async (surveyId: string, at: string, nps: number, csat: number) => {
    clock.set(new Date(at));
    const customer = await createCustomer(t);
    const res = await t.call('POST', `/v1/customers/${customer.id}/survey-responses`, {
      surveyId,
      answers: { nps, csat, visit: 'web' },
    });
    expect(res.status).toBe(201);
  };

  it('computes NPS and CSAT per month on a hand-made set', async () => {
    const survey = await createSurvey();
    // March: 5 promoters, 2 passives, 3 detractors -> NPS 20.0; CSAT 6 of 10 at 4-5, mean 3.6.
    const march = [
      [9, 5],
      [10, 4],
      [9, 4],
      [10, 3],
      [9, 1],
      [7, 5],
      [8, 2],
      [0, 4],
      [5, 5],
      [6, 3],
    ];
    for (const [i, [nps, csat]] of march.entries())
      await answerAt(survey.id, `2026-03-${String(i + 2).padStart(2, '0')}T12:00:00Z`, nps!, csat!);
    // April: 1 promoter, 2 detractors -> -33.3. 31 March 23:30 UTC is 1 April in London (BST).
    await answerAt(survey.id, '2026-03-31T23:30:00Z', 10, 5);
    await answerAt(survey.id, '2026-04-10T12:00:00Z', 3, 2);
    await answerAt(survey.id, '2026-04-20T12:00:00Z', 6, 2);

    const res = await t.call(
      'GET',
      `/v1/feedback/nps?granularity=month&from=2026-02-01&to=2026-04-30&surveyId=${survey.id}`,
    );
    expect(res.status).toBe(200);
    const [feb, mar, apr] = res.body.periods;
    expect(feb).toMatchObject({ start: '2026-02-01', nps: { responses: 0, score: null } });
    expect(mar).toEqual({
      start: '2026-03-01',
      end: '2026-04-01',
      nps: { responses: 10, promoters: 5, passives: 2, detractors: 3, score: 20 },
      csat: { responses: 10, satisfied: 6, satisfiedPct: 60, mean: 3.6 },
    });
    expect(apr).toMatchObject({
      start: '2026-04-01',
      nps: { responses: 3, promoters: 1, passives: 0, detractors: 2, score: -33.3 },
      csat: { responses: 3, satisfied: 1, satisfiedPct: 33.3, mean: 3 },
    });
    expect(res.body.total.nps).toEqual({
      responses: 13,
      promoters: 6,
      passives: 2,
      detractors: 5,
      score: 7.7,
    });

    const svg = await t.call(
      'GET',
      `/v1/feedback/charts/nps.svg?from=2026-02-01&to=2026-04-30&surveyId=${survey.id}`,
    );
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(xmlProblems(svg.body)).toEqual([]);
    expect(svg.body).toContain('NPS');
    expect(svg.body).toContain('CSAT');

    const backwards = await t.call('GET', '/v1/feedback/nps?from=2026-05-01&to=2026-04-01');
    expect(backwards.status).toBe(422);
  });
});

describe('reviews', () => {
  it('a review earns through a review.submitted rule, once per externalId', async () => {
    await activeRule('review.submitted', 20);
    const customer = await createCustomer(t);
    const body = { externalId: unique('rev'), sku: 'MUG', rating: 5, text: 'Lovely' };
    const first = await t.call('POST', `/v1/customers/${customer.id}/reviews`, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ rating: 5, sku: 'MUG', points: 20, created: true });
    const again = await t.call('POST', `/v1/customers/${customer.id}/reviews`, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, points: 20, created: false });
    expect((await points(t, customer.id)).balance).toBe(20);

    const other = await createCustomer(t);
    const stolen = await t.call('POST', `/v1/customers/${other.id}/reviews`, body);
    expect(stolen.status).toBe(409);
    // Sent for two other customers at once, an external id still makes one review.
    const [ann, bob] = [await createCustomer(t), await createCustomer(t)];
    const fresh = { externalId: unique('rev'), rating: 4 };
    const race = await Promise.all(
      [ann, bob].map((c) => t.call('POST', `/v1/customers/${c.id}/reviews`, fresh)),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    const bad = await t.call('POST', `/v1/customers/${customer.id}/reviews`, {
      externalId: 'x',
      rating: 6,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('rating');
  });
});

describe('complaints', () => {
  const hours = (h: number) => new Date(Date.parse('2026-05-04T08:00:00Z') + h * 3_600_000);
  const open = async (customerId: string) => {
    const res = await t.call('POST', '/v1/complaints', {
      customerId,
      subject: 'Broken mug',
      body: 'It arrived in pieces',
      channel: 'email',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const reply = async (id: string, by: 'staff' | 'customer') => {
    const res = await t.call('POST', `/v1/complaints/${id}/replies`, { body: 'Hello', by });
    expect(res.status).toBe(201);
    return res.body;
  };
  const status = (id: string, s: string) => t.call('PATCH', `/v1/complaints/${id}`, { status: s });

  it('tracks first response and resolution; stats give exact medians and share within target', async () => {
    const customer = await createCustomer(t);
    clock.set(hours(0));
    const [a, b, c, d] = [
      await open(customer.id),
      await open(customer.id),
      await open(customer.id),
      await open(customer.id),
    ];
    clock.set(hours(1));
    expect((await reply(c!, 'customer')).firstResponseAt).toBeNull();
    clock.set(hours(2));
    expect(await reply(a!, 'staff')).toMatchObject({
      status: 'answered',
      firstResponseAt: hours(2).toISOString(),
    });
    clock.set(hours(6));
    await reply(c!, 'staff');
    clock.set(hours(10));
    expect((await status(a!, 'resolved')).body.resolvedAt).toBe(hours(10).toISOString());
    clock.set(hours(30));
    await reply(b!, 'staff');
    clock.set(hours(48));
    await status(b!, 'resolved');
    const e = await open(customer.id);
    clock.set(hours(49));

    const stats = await t.call(
      'GET',
      '/v1/complaints/stats?from=2026-05-04&to=2026-05-06&targetHours=24',
    );
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({
      from: '2026-05-04',
      to: '2026-05-06',
      targetHours: 24,
      cases: 5,
      answered: 3,
      resolved: 2,
      due: 4, // e is an hour old and unanswered: not due yet; d is 49 hours old
      answeredWithinTarget: 2,
      withinTargetPct: 50,
      medianFirstResponseHours: 6,
      medianResolutionHours: 29,
    });
    const tight = await t.call(
      'GET',
      '/v1/complaints/stats?from=2026-05-04&to=2026-05-04&targetHours=4',
    );
    expect(tight.body).toMatchObject({
      cases: 4,
      due: 4,
      answeredWithinTarget: 1,
      withinTargetPct: 25,
    });
    const lastDay = await t.call('GET', '/v1/complaints/stats?from=2026-05-06&to=2026-05-06');
    expect(lastDay.body).toMatchObject({ cases: 1, due: 0, withinTargetPct: null });

    const history = await t.call('GET', `/v1/complaints/${a}`);
    expect(history.body.events.map((ev: any) => [ev.seq, ev.kind, ev.by ?? ev.to ?? null])).toEqual(
      [
        [1, 'opened', null],
        [2, 'reply', 'staff'],
        [3, 'status', 'answered'],
        [4, 'status', 'resolved'],
      ],
    );
    // Setting the same status again records nothing.
    await status(a!, 'resolved');
    expect((await t.call('GET', `/v1/complaints/${a}`)).body.events).toHaveLength(4);
    expect((await t.call('GET', `/v1/complaints/${d}`)).body.status).toBe('open');
    expect((await t.call('GET', `/v1/complaints/${e}`)).body.events).toHaveLength(1);
    expect((await t.call('GET', '/v1/complaints/cmp_nope')).status).toBe(404);
    expect((await status(a!, 'closed')).status).toBe(400);
  });

  it('gives the number of matching cases beyond the page: the open count', async () => {
    const customer = await createCustomer(t);
    const ids = [
      await open(customer.id),
      await open(customer.id),
      await open(customer.id),
      await open(customer.id),
    ];
    await reply(ids[0]!, 'staff');
    await status(ids[1]!, 'resolved');
    const mine = await t.call(
      'GET',
      `/v1/complaints?status=open&customerId=${customer.id}&limit=1`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.complaints).toHaveLength(1);
    expect(mine.body.total).toBe(2);
    const all = await t.call('GET', `/v1/complaints?customerId=${customer.id}`);
    expect(all.body).toMatchObject({ total: 4 });
    expect(all.body.complaints).toHaveLength(4);

    // Across customers, the count is every open case, not just the page.
    const everyOpen = await t.call('GET', '/v1/complaints?status=open&limit=500');
    const page = await t.call('GET', '/v1/complaints?status=open&limit=1');
    expect(page.body.total).toBe(everyOpen.body.complaints.length);
    expect(page.body.total).toBeGreaterThanOrEqual(3);
    const nobody = await t.call('GET', '/v1/complaints?customerId=cus_nobody');
    expect(nobody.body).toEqual({ complaints: [], total: 0 });
  });
});
