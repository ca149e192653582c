import type { BodyOf } from '../../shared/api';
import type { TranslatedField, TranslationTexts } from '../programme/translations-editor';

/**
 * A survey's translations as the shared translations editor edits them: one flat text per field,
 * keyed `title`, `description`, `prompt:<question id>` and `option:<question id>:<option>` (ids
 * hold no colon, options may). Built from the questions as they stand in the form, so a question
 * removed or renumbered there takes its translations with it.
 */

export type Questions = BodyOf<'/v1/surveys', 'post'>['questions'];
export type SurveyTranslationsBody = NonNullable<BodyOf<'/v1/surveys', 'post'>['translations']>;

const PROMPT = 'prompt:';
const OPTION = 'option:';

export const surveyTranslationFields = (
  title: string,
  description: string,
  questions: Questions,
): TranslatedField[] => [
  { key: 'title', label: 'Name', placeholder: title },
  { key: 'description', label: 'Description', multiline: true, placeholder: description },
  ...questions.flatMap((q, i): TranslatedField[] => [
    { key: `${PROMPT}${q.id}`, label: `Question ${i + 1}`, placeholder: q.prompt },
    ...(q.type === 'choice'
      ? q.options.map((option) => ({
          key: `${OPTION}${q.id}:${option}`,
          label: `Option “${option}” of question ${i + 1}`,
          placeholder: option,
        }))
      : []),
  ]),
];

/** The API's map as flat texts. */
export const surveyTranslationTexts = (
  translations: SurveyTranslationsBody | undefined,
): TranslationTexts =>
  Object.fromEntries(
    Object.entries(translations ?? {}).map(([code, t]) => {
      const texts: Record<string, string> = {};
      if (t.title) texts.title = t.title;
      if (t.description) texts.description = t.description;
      for (const [id, q] of Object.entries(t.questions ?? {})) {
        if (q.prompt) texts[`${PROMPT}${id}`] = q.prompt;
        for (const [option, label] of Object.entries(q.options ?? {}))
          texts[`${OPTION}${id}:${option}`] = label;
      }
      return [code, texts];
    }),
  );

type QuestionTexts = { prompt?: string; options?: Record<string, string> };

/**
 * The texts as the API takes them: blanks left out (the default shows), fields of questions or
 * options no longer in the form dropped, a language with nothing filled in dropped.
 */
export const surveyTranslationsBody = (
  texts: TranslationTexts,
  questions: Questions,
): SurveyTranslationsBody => {
  const body: SurveyTranslationsBody = {};
  for (const [code, fields] of Object.entries(texts)) {
    const own: SurveyTranslationsBody[string] = {};
    const byQuestion: Record<string, QuestionTexts> = {};
    for (const [key, raw] of Object.entries(fields ?? {})) {
      const text = raw.trim();
      if (text === '') continue;
      if (key === 'title' || key === 'description') own[key] = text;
      else if (key.startsWith(PROMPT)) {
        const id = key.slice(PROMPT.length);
        if (questions.some((q) => q.id === id))
          byQuestion[id] = { ...byQuestion[id], prompt: text };
      } else if (key.startsWith(OPTION)) {
        const rest = key.slice(OPTION.length);
        const id = rest.slice(0, rest.indexOf(':'));
        const option = rest.slice(id.length + 1);
        const question = questions.find((q) => q.id === id);
        if (question?.type === 'choice' && question.options.includes(option))
          byQuestion[id] = {
            ...byQuestion[id],
            options: { ...byQuestion[id]?.options, [option]: text },
          };
      }
    }
    if (Object.keys(byQuestion).length > 0) own.questions = byQuestion;
    if (Object.keys(own).length > 0) body[code] = own;
  }
  return body;
};
