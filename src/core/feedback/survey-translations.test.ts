import { describe, expect, it } from 'vitest';
import { SurveyTranslationsSchema, type Question } from './feedback.js';
import { renderSurveyForm } from './survey-form.js';
import { localizeSurvey, surveyTranslationIssues } from './survey-translations.js';

const questions: Question[] = [
  { id: 'nps', type: 'nps', prompt: 'Would you recommend us?', required: true },
  {
    id: 'visit',
    type: 'choice',
    prompt: 'How did you visit?',
    required: true,
    options: ['store', 'web'],
  },
];
const survey = {
  title: 'Your visit',
  description: 'Two questions',
  questions,
  translations: {
    de: {
      title: 'Ihr Besuch',
      questions: { visit: { prompt: 'Wie kamen Sie?', options: { store: 'Im Laden' } } },
    },
  },
};

describe('survey translations', () => {
  it('shows translated fields and keeps the default for each one left out', () => {
    const shown = localizeSurvey(survey, 'de-AT');
    expect(shown.title).toBe('Ihr Besuch');
    expect(shown.description).toBe('Two questions');
    expect(shown.questions.map((q) => q.prompt)).toEqual([
      'Would you recommend us?',
      'Wie kamen Sie?',
    ]);
    expect(shown.questions[1]).toMatchObject({
      options: ['store', 'web'],
      labels: ['Im Laden', 'web'],
    });
  });

  it('shows the default texts to a language without a translation', () => {
    const shown = localizeSurvey(survey, 'fr');
    expect(shown.title).toBe('Your visit');
    expect(shown.questions[1]).toMatchObject({
      prompt: 'How did you visit?',
      labels: ['store', 'web'],
    });
  });

  it('names questions and options the survey does not have', () => {
    expect(
      surveyTranslationIssues(questions, {
        de: {
          questions: {
            gone: { prompt: 'Weg' },
            nps: { options: { '1': 'eins' } },
            visit: { options: { phone: 'Telefon', web: 'Online' } },
          },
        },
      }),
    ).toEqual([
      { path: 'translations.de.questions.gone', message: 'the survey has no question gone' },
      { path: 'translations.de.questions.nps.options', message: 'question nps has no options' },
      {
        path: 'translations.de.questions.visit.options.phone',
        message: 'question visit has no option "phone"',
      },
    ]);
    expect(surveyTranslationIssues(questions, survey.translations)).toEqual([]);
  });

  it('refuses an unknown locale and unknown fields by their path', () => {
    const result = SurveyTranslationsSchema.safeParse({ xx: {}, de: { name: 'x' } });
    expect(result.error?.issues.map((i) => i.path)).toEqual([['de'], ['xx']]);
  });

  it('renders the form in the customer language with the default values to send', () => {
    const html = renderSurveyForm(
      {
        ...survey,
        id: 'svy_1',
        key: 'k',
        status: 'active',
        createdAt: new Date(),
        updatedAt: new Date(),
      },
      { action: '/s/t', answered: false, locale: 'de' },
    );
    expect(html).toContain('<h1>Ihr Besuch</h1>');
    expect(html).toContain('<legend>Wie kamen Sie?');
    expect(html).toContain('value="store" required> Im Laden</label>');
    expect(html).toContain('Antworten senden');
  });
});
