import type { FieldIssue } from '../shared/errors.js';
import { contentLocaleOf } from '../shared/translations.js';
import type { Question, Survey, SurveyTranslations } from './feedback.js';

/**
 * A survey is written in the programme's language; a customer of another language reads its
 * title, introduction, questions and choice labels from a per-locale map. Anything a translation
 * leaves out is shown in the default text. Answers stay keyed by question id and default option,
 * so responses in every language count together.
 */

/**
 * What the shape alone cannot check: each translated question is one of the survey's, and each
 * translated option one of that question's. Paths start at `translations`.
 */
export const surveyTranslationIssues = (
  questions: readonly Question[],
  translations: SurveyTranslations,
): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  for (const [code, translation] of Object.entries(translations)) {
    for (const [id, text] of Object.entries(translation?.questions ?? {})) {
      const path = `translations.${code}.questions.${id}`;
      const question = questions.find((q) => q.id === id);
      if (!question) {
        issues.push({ path, message: `the survey has no question ${id}` });
        continue;
      }
      const options = Object.keys(text.options ?? {});
      if (options.length > 0 && question.type !== 'choice') {
        issues.push({ path: `${path}.options`, message: `question ${id} has no options` });
        continue;
      }
      for (const option of options) {
        if (question.type === 'choice' && !question.options.includes(option))
          issues.push({
            path: `${path}.options.${option}`,
            message: `question ${id} has no option ${JSON.stringify(option)}`,
          });
      }
    }
  }
  return issues;
};

/** A question as a customer reads it; `labels` name each option (the value sent stays the option). */
export type ShownQuestion = Question & { labels?: string[] };

export interface ShownSurvey {
  title: string;
  description: string | null;
  questions: ShownQuestion[];
}

/** The survey's words in the customer's language, field by field where translated. */
export const localizeSurvey = (
  survey: Pick<Survey, 'title' | 'description' | 'questions' | 'translations'>,
  locale: string | null | undefined,
): ShownSurvey => {
  const language = contentLocaleOf(locale);
  const own = language ? survey.translations[language] : undefined;
  return {
    title: own?.title ?? survey.title,
    description: own?.description ?? survey.description,
    questions: survey.questions.map((q): ShownQuestion => {
      const text = own?.questions?.[q.id];
      const prompt = text?.prompt ?? q.prompt;
      if (q.type !== 'choice') return { ...q, prompt };
      return { ...q, prompt, labels: q.options.map((o) => text?.options?.[o] ?? o) };
    }),
  };
};
