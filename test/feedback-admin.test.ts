import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, unique } from './support/fixtures.js';

/** What the Feedback admin page needs beyond the feedback API: answers to read, cases to work. */

const clock = manualClock(new Date('2026-06-01T09:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

const hours = (h: number) => new Date(Date.parse('2026-06-01T09:00:00Z') + h * 3_600_000);

const createSurvey = async () => {
  const res = await t.call('POST', '/v1/surveys', {
    key: unique('admin-survey').toLowerCase(),
    title: 'After your visit',
    status: 'active',
    questions: [
      { id: 'nps', type: 'nps', prompt: 'Would you recommend us?', required: false },
      { id: 'csat', type: 'csat', prompt: 'How satisfied are you?', required: false },
      { id: 'why', type: 'text', prompt: 'Tell us more' },
    ],
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
};

const answer = async (surveyId: string, answers: Record<string, unknown>) => {
  const customer = await createCustomer(t);
  const res = await t.call('POST', `/v1/customers/${customer.id}/survey-responses`, {
    surveyId,
    answers,
  });
  expect(res.status).toBe(201);
  return customer.id;
};

describe('survey responses', () => {
  it('lists responses newest first, page by page, with their text; filters by score and text', async () => {
    const surveyId = await createSurvey();
    clock.set(hours(0));
    const first = await answer(surveyId, { nps: 10, csat: 5, why: 'Lovely staff' });
    clock.set(hours(1));
    const second = await answer(surveyId, { nps: 3, why: 'The queue was 100% too long' });
    clock.set(hours(2));
    const third = await answer(surveyId, { nps: 10 });

    const all = await t.call('GET', `/v1/surveys/${surveyId}/responses?limit=2`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.responses.map((r: { customerId: string }) => r.customerId)).toEqual([
      third,
      second,
    ]);
    const next = await t.call('GET', `/v1/surveys/${surveyId}/responses?limit=2&offset=2`);
    expect(next.body.responses).toHaveLength(1);
    expect(next.body.responses[0]).toMatchObject({
      customerId: first,
      submittedAt: hours(0).toISOString(),
    });
    expect(next.body.responses[0].answers).toContainEqual({
      questionId: 'why',
      type: 'text',
      score: null,
      value: 'Lovely staff',
    });
    const beyond = await t.call('GET', `/v1/surveys/${surveyId}/responses?offset=10`);
    expect(beyond.body).toMatchObject({ responses: [], total: 3 });

    const tens = await t.call('GET', `/v1/surveys/${surveyId}/responses?score=10`);
    expect(tens.body.total).toBe(2);
    const texts = await t.call('GET', `/v1/surveys/${surveyId}/responses?withText=true`);
    expect(texts.body.responses.map((r: { customerId: string }) => r.customerId)).toEqual([
      second,
      first,
    ]);
    // `%` is a character to find, not a wildcard.
    const search = await t.call(
      'GET',
      `/v1/surveys/${surveyId}/responses?q=${encodeURIComponent('100%')}`,
    );
    expect(search.body.responses.map((r: { customerId: string }) => r.customerId)).toEqual([
      second,
    ]);
    const none = await t.call(
      'GET',
      `/v1/surveys/${surveyId}/responses?q=${encodeURIComponent('1%0')}`,
    );
    expect(none.body.total).toBe(0);
  });

  it('counts every score of each NPS and CSAT question, zeros included', async () => {
    const surveyId = await createSurvey();
    await answer(surveyId, { nps: 9, csat: 4 });
    await answer(surveyId, { nps: 9 });
    const res = await t.call('GET', `/v1/surveys/${surveyId}/score-distribution`);
    expect(res.status).toBe(200);
    const [nps, csat] = res.body.questions;
    expect(nps).toMatchObject({ questionId: 'nps', type: 'nps', answers: 2 });
    expect(nps.scores).toHaveLength(11);
    expect(nps.scores[9]).toEqual({ score: 9, count: 2 });
    expect(nps.scores[0]).toEqual({ score: 0, count: 0 });
    expect(csat.scores.map((s: { score: number }) => s.score)).toEqual([1, 2, 3, 4, 5]);
    expect(csat.answers).toBe(1);
  });

  it('refuses bad filters naming them, and an unknown survey is a 404', async () => {
    const surveyId = await createSurvey();
    const bad = await t.call('GET', `/v1/surveys/${surveyId}/responses?score=11&limit=0`);
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['score', 'limit']));
    expect((await t.call('GET', '/v1/surveys/svy_nope/responses')).status).toBe(404);
    expect((await t.call('GET', '/v1/surveys/svy_nope/score-distribution')).status).toBe(404);
  });
});

describe('complaint cases', () => {
  const open = async (customerId: string) => {
    const res = await t.call('POST', '/v1/complaints', {
      customerId,
      subject: 'Late delivery',
      body: 'Two weeks late',
      channel: 'web',
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; dueAt: string; sla: { state: string } };
  };
  const newUser = async () => {
    const res = await t.call('POST', '/v1/users', {
      email: `${unique('agent')}@example.com`,
      name: 'Agent Smith',
      password: 'correct horse battery',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('gives the SLA clock: due 24 hours after opening, overdue after, met on the first staff reply', async () => {
    const customer = await createCustomer(t);
    clock.set(hours(100));
    const a = await open(customer.id);
    const b = await open(customer.id);
    expect(a.dueAt).toBe(hours(124).toISOString());
    expect(a.sla).toMatchObject({ state: 'running', targetHours: 24, stoppedAt: null });
    clock.set(hours(110));
    await t.call('POST', `/v1/complaints/${a.id}/replies`, { body: 'Sorry!', by: 'staff' });
    clock.set(hours(125));
    const read = await t.call('GET', `/v1/complaints/${b.id}`);
    expect(read.body.sla.state).toBe('overdue');
    expect((await t.call('GET', `/v1/complaints/${a.id}`)).body.sla).toMatchObject({
      state: 'met',
      stoppedAt: hours(110).toISOString(),
    });
    expect((await t.call('GET', `/v1/complaints/${b.id}?targetHours=48`)).body.sla).toMatchObject({
      state: 'running',
      dueAt: hours(148).toISOString(),
    });
    const overdue = await t.call('GET', `/v1/complaints?customerId=${customer.id}&overdue=true`);
    expect(overdue.body.complaints.map((c: { id: string }) => c.id)).toEqual([b.id]);
    expect(overdue.body.total).toBe(1);
  });

  it('assigns to a user, filters by assignee, records it; an unknown user is a 422 naming userId', async () => {
    const customer = await createCustomer(t);
    const c = await open(customer.id);
    const userId = await newUser();
    const unknown = await t.call('PUT', `/v1/complaints/${c.id}/assignee`, {
      userId: 'usr_nobody',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ path: 'userId', message: 'no active user usr_nobody' }]);
    const missing = await t.call('PUT', `/v1/complaints/${c.id}/assignee`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe('userId');

    const assigned = await t.call('PUT', `/v1/complaints/${c.id}/assignee`, { userId });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assigneeId).toBe(userId);
    expect(assigned.body.events.at(-1)).toMatchObject({ kind: 'assigned', assigneeId: userId });
    // The same assignee again records nothing.
    const again = await t.call('PUT', `/v1/complaints/${c.id}/assignee`, { userId });
    expect(again.body.events).toHaveLength(assigned.body.events.length);
    const mine = await t.call('GET', `/v1/complaints?assigneeId=${userId}`);
    expect(mine.body.complaints.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const untaken = await open(customer.id);
    const nobody = await t.call('GET', `/v1/complaints?assigneeId=none&limit=500`);
    const nobodyIds = nobody.body.complaints.map((x: { id: string; assigneeId: string | null }) => {
      expect(x.assigneeId).toBeNull();
      return x.id;
    });
    expect(nobodyIds).toContain(untaken.id);
    expect(nobodyIds).not.toContain(c.id);
    expect(nobody.body.total).toBe(nobodyIds.length);

    expect((await t.call('POST', `/v1/users/${userId}/disable`)).status).toBe(200);
    const other = await open(customer.id);
    const disabled = await t.call('PUT', `/v1/complaints/${other.id}/assignee`, { userId });
    expect(disabled.status).toBe(422);
    const unassigned = await t.call('PUT', `/v1/complaints/${c.id}/assignee`, { userId: null });
    expect(unassigned.body.assigneeId).toBeNull();
  });

  it('resolves with a note once (again is a 409), reopens only a resolved case', async () => {
    const customer = await createCustomer(t);
    const c = await open(customer.id);
    const empty = await t.call('POST', `/v1/complaints/${c.id}/resolve`, { note: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe('note');
    expect((await t.call('POST', `/v1/complaints/${c.id}/reopen`)).status).toBe(409);

    const resolved = await t.call('POST', `/v1/complaints/${c.id}/resolve`, {
      note: 'Refunded the delivery',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolutionNote: 'Refunded the delivery',
    });
    expect(resolved.body.events.at(-1)).toMatchObject({
      kind: 'status',
      to: 'resolved',
      note: 'Refunded the delivery',
    });
    const twice = await t.call('POST', `/v1/complaints/${c.id}/resolve`, { note: 'Again' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('complaint_already_resolved');
    expect((await t.call('GET', `/v1/complaints/${c.id}`)).body.resolutionNote).toBe(
      'Refunded the delivery',
    );

    const reopened = await t.call('POST', `/v1/complaints/${c.id}/reopen`);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'open', resolvedAt: null, resolutionNote: null });
    expect((await t.call('POST', '/v1/complaints/cmp_nope/resolve', { note: 'x' })).status).toBe(
      404,
    );
  });
});
