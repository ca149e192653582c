import { describe, expect, it } from 'vitest';
import {
  surveyTranslationFields,
  surveyTranslationTexts,
  surveyTranslationsBody,
  type Questions,
} from './survey-translations';

const questions: Questions = [
  { id: 'nps', type: 'nps', prompt: 'Recommend us?', required: true },
  { id: 'choice', type: 'choice', prompt: 'Where?', required: true, options: ['web', 'a:b'] },
];

describe('survey translations in the form', () => {
  it('offers the title, description, each prompt and each option, the default as placeholder', () => {
    const fields = surveyTranslationFields('Visit', '', questions);
    expect(fields.map((f) => f.key)).toEqual([
      'title',
      'description',
      'prompt:nps',
      'prompt:choice',
      'option:choice:web',
      'option:choice:a:b',
    ]);
    expect(fields[4]).toMatchObject({ label: 'Option “web” of question 2', placeholder: 'web' });
  });

  it('round-trips the API map, options with a colon included', () => {
    const api = {
      de: {
        title: 'Besuch',
        questions: { nps: { prompt: 'Empfehlen?' }, choice: { options: { 'a:b': 'A oder B' } } },
      },
    };
    expect(surveyTranslationsBody(surveyTranslationTexts(api), questions)).toEqual(api);
  });

  it('leaves out blanks, languages with nothing, and questions or options no longer there', () => {
    const body = surveyTranslationsBody(
      {
        de: {
          title: '  ',
          'prompt:gone': 'Weg',
          'option:choice:phone': 'Telefon',
          'prompt:nps': ' Ja ',
        },
        et: { description: '' },
      },
      questions,
    );
    expect(body).toEqual({ de: { questions: { nps: { prompt: 'Ja' } } } });
  });
});
