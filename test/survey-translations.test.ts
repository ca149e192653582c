import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, unique } from './support/fixtures.js';

const clock = manualClock(new Date('2026-03-01T09:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

const QUESTIONS = [
  { id: 'nps', type: 'nps', prompt: 'How likely are you to recommend us?' },
  { id: 'why', type: 'text', prompt: 'What should we change?', required: false },
  { id: 'visit', type: 'choice', prompt: 'Where did you shop?', options: ['web', 'store'] },
];

/** German for everything but the text question's prompt and the 'web' option. */
const GERMAN = {
  de: {
    title: 'Wie war es?',
    description: 'Drei kurze Fragen',
    questions: {
      nps: { prompt: 'Wie wahrscheinlich empfehlen Sie uns weiter?' },
      visit: { prompt: 'Wo haben Sie eingekauft?', options: { store: 'Im Laden' } },
    },
  },
};

const createSurvey = (fields: Record<string, unknown> = {}) =>
  t.call('POST', '/v1/surveys', {
    key: unique('survey').toLowerCase(),
    title: 'How did we do?',
    description: 'Three short questions',
    questions: QUESTIONS,
    status: 'active',
    ...fields,
  });

const pageFor = async (surveyId: string, locale: string | null) => {
  const customer = await createCustomer(t, locale ? { locale } : {});
  const link = await t.call('GET', `/v1/surveys/${surveyId}/link?customerId=${customer.id}`);
  const token = (link.body as { token: string }).token;
  const html = await t.call('GET', `/s/${token}`, undefined, {
    authorization: '',
    accept: 'text/html',
  });
  const json = await t.call('GET', `/s/${token}`, undefined, { authorization: '' });
  return { token, customer, html: html.body as string, json: json.body };
};

describe('survey translations', () => {
  it('stores translations, returns them, and a de-AT customer reads German where translated', async () => {
    const created = await createSurvey({ translations: GERMAN });
    expect(created.status).toBe(201);
    expect(created.body.translations).toEqual(GERMAN);
    const read = await t.call('GET', `/v1/surveys/${created.body.id}`);
    expect(read.body.translations).toEqual(GERMAN);

    const { html, json } = await pageFor(created.body.id, 'de-AT');
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<h1>Wie war es?</h1>');
    expect(html).toContain('<p>Drei kurze Fragen</p>');
    expect(html).toContain('<legend>Wie wahrscheinlich empfehlen Sie uns weiter?');
    expect(html).toContain('<legend>Wo haben Sie eingekauft?');
    // Left out of the translation: the default text, field by field.
    expect(html).toContain('<legend>What should we change?');
    expect(html).toContain('value="store" required> Im Laden</label>');
    expect(html).toContain('value="web" required> web</label>');
    expect(html).toContain('Antworten senden');
    expect(json.survey.title).toBe('Wie war es?');
    expect(json.survey.questions[2]).toMatchObject({
      prompt: 'Wo haben Sie eingekauft?',
      options: ['web', 'store'],
      labels: ['web', 'Im Laden'],
    });
    expect(json.survey).not.toHaveProperty('translations');
  });

  it('a French customer and one without a locale read the default texts', async () => {
    const created = await createSurvey({ translations: GERMAN });
    for (const locale of ['fr', null]) {
      const { html, json } = await pageFor(created.body.id, locale);
      expect(html).toContain('<h1>How did we do?</h1>');
      expect(html).toContain('<legend>Where did you shop?');
      expect(html).toContain('value="store" required> store</label>');
      expect(html).not.toContain('Wie');
      expect(json.survey.questions[2].labels).toEqual(['web', 'store']);
    }
  });

  it('a German answer is stored against the question ids and default options', async () => {
    const created = await createSurvey({ translations: GERMAN });
    const { token } = await pageFor(created.body.id, 'de');
    const form = { authorization: '', 'content-type': 'application/x-www-form-urlencoded' };
    const sent = await t.call('POST', `/s/${token}`, 'nps=9&visit=store&why=', {
      ...form,
      accept: 'text/html',
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toContain('Vielen Dank');
    const responses = await t.call('GET', `/v1/surveys/${created.body.id}/responses`);
    expect(responses.body.responses[0].answers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ questionId: 'nps', score: 9 }),
        expect.objectContaining({ questionId: 'visit', value: 'store' }),
      ]),
    );
  });

  it('a patch replaces the translations, even after answers', async () => {
    const created = await createSurvey();
    expect(created.body.translations).toEqual({});
    const { token } = await pageFor(created.body.id, 'et');
    await t.call(
      'POST',
      `/s/${token}`,
      { answers: { nps: 7, visit: 'web' } },
      { authorization: '' },
    );
    const et = {
      et: { title: 'Kuidas läks?', questions: { visit: { options: { web: 'Veebis' } } } },
    };
    const patched = await t.call('PATCH', `/v1/surveys/${created.body.id}`, { translations: et });
    expect(patched.status).toBe(200);
    expect(patched.body.translations).toEqual(et);
    const { html } = await pageFor(created.body.id, 'et-EE');
    expect(html).toContain('<h1>Kuidas läks?</h1>');
    expect(html).toContain('> Veebis</label>');
    expect(html).toContain('<legend>Where did you shop?');
  });

  it('refuses translations that do not fit, naming the path, and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ xx: { title: 'x' } }, 'translations.xx'],
      [{ de: { name: 'x' } }, 'translations.de'],
      [{ de: { title: '' } }, 'translations.de.title'],
      [{ de: { questions: { gone: { prompt: 'Weg' } } } }, 'translations.de.questions.gone'],
      [
        { de: { questions: { nps: { options: { '9': 'neun' } } } } },
        'translations.de.questions.nps.options',
      ],
      [
        { de: { questions: { visit: { options: { phone: 'Telefon' } } } } },
        'translations.de.questions.visit.options.phone',
      ],
    ];
    for (const [translations, path] of cases) {
      const key = unique('bad').toLowerCase();
      const res = await createSurvey({ key, translations });
      expect(res.status, path).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      const list = await t.call('GET', '/v1/surveys');
      expect(list.body.surveys.map((s: { key: string }) => s.key)).not.toContain(key);
    }

    const created = await createSurvey({ translations: GERMAN });
    const id = created.body.id as string;
    const bad = await t.call('PATCH', `/v1/surveys/${id}`, {
      translations: { de: { questions: { gone: { prompt: 'Weg' } } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_survey_translations');
    expect(bad.body.errors).toEqual([
      { path: 'translations.de.questions.gone', message: 'the survey has no question gone' },
    ]);
    // Questions changed under the translations: the translation of a dropped question is refused.
    const dropped = await t.call('PATCH', `/v1/surveys/${id}`, {
      questions: QUESTIONS.filter((q) => q.id !== 'visit'),
    });
    expect(dropped.status).toBe(400);
    expect(dropped.body.errors[0].path).toBe('translations.de.questions.visit');
    expect((await t.call('GET', `/v1/surveys/${id}`)).body).toMatchObject({
      questions: expect.arrayContaining([expect.objectContaining({ id: 'visit' })]),
      translations: GERMAN,
    });
  });
});
