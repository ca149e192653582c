import type { FieldIssue } from '../shared/errors.js';
import type { Survey } from './feedback.js';
import { surveyFormTexts, type SurveyFormTexts } from './survey-form.texts.js';
import { localizeSurvey, type ShownQuestion } from './survey-translations.js';

/**
 * The survey as a minimal, accessible HTML page: one form, each question a fieldset with a
 * legend, radio buttons for scores and choices, labelled controls, errors linked to their
 * question with aria-describedby. No script, no external resource. Pure: returns a string.
 */
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const radios = (
  q: ShownQuestion,
  values: string[],
  labels: string[],
  checked: string | undefined,
) =>
  values
    .map(
      (v, i) =>
        `<label><input type="radio" name="${esc(q.id)}" value="${esc(v)}"${q.required ? ' required' : ''}${checked === v ? ' checked' : ''}> ${esc(labels[i]!)}</label>`,
    )
    .join('\n');

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

const control = (q: ShownQuestion, value: string | undefined, t: SurveyFormTexts): string => {
  switch (q.type) {
    case 'nps': {
      const v = range(0, 10);
      return `<p class="hint">${esc(t.npsHint)}</p>\n${radios(q, v, v, value)}`;
    }
    case 'csat': {
      const v = range(1, 5);
      return `<p class="hint">${esc(t.csatHint)}</p>\n${radios(q, v, v, value)}`;
    }
    case 'choice':
      return radios(q, q.options, q.labels ?? q.options, value);
    case 'text':
      return `<label for="q-${esc(q.id)}">${esc(t.yourAnswer)}</label>\n<textarea id="q-${esc(q.id)}" name="${esc(q.id)}" maxlength="${q.maxLength}" rows="4"${q.required ? ' required' : ''}>${esc(value ?? '')}</textarea>`;
  }
};

export const renderSurveyForm = (
  survey: Survey,
  state: {
    action: string;
    answered: boolean;
    issues?: FieldIssue[];
    values?: Record<string, string>;
    /**
     * The customer's locale: the page's own words follow it (English when we lack it), the
     * survey's words too where translated (the default text otherwise).
     */
    locale?: string | null;
  },
): string => {
  const { language, texts: t } = surveyFormTexts(state.locale);
  const shown = localizeSurvey(survey, state.locale);
  const issueOf = (q: ShownQuestion) => state.issues?.find((i) => i.path === `answers.${q.id}`);
  const body = state.answered
    ? `<p role="status">${esc(t.thanks)}</p>`
    : `<form method="post" action="${esc(state.action)}">
${shown.questions
  .map((q) => {
    const issue = issueOf(q);
    const error = issue
      ? `<p id="err-${esc(q.id)}" class="error" role="alert">${esc(issue.message)}</p>\n`
      : '';
    return `<fieldset${issue ? ` aria-invalid="true" aria-describedby="err-${esc(q.id)}"` : ''}>
<legend>${esc(q.prompt)}${q.required ? ' <span aria-hidden="true">*</span><span class="sr">${esc(t.required)}</span>' : ''}</legend>
${error}${control(q, state.values?.[q.id], t)}
</fieldset>`;
  })
  .join('\n')}
<button type="submit">${esc(t.submit)}</button>
</form>`;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(shown.title)}</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}fieldset{margin:0 0 1.5rem;border:1px solid #767676;padding:1rem}label{display:inline-block;margin:.25rem .75rem .25rem 0}textarea{display:block;width:100%}.error{color:#b00020;font-weight:bold}.hint{margin:0 0 .5rem;color:#444}.sr{position:absolute;left:-9999px}button{font-size:1rem;padding:.5rem 1rem}</style>
</head>
<body>
<main>
<h1>${esc(shown.title)}</h1>
${shown.description ? `<p>${esc(shown.description)}</p>\n` : ''}${body}
</main>
</body>
</html>`;
};
