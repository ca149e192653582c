import type { FieldIssue } from '../shared/errors.js';
import type { Answer, Question, RawAnswers } from './feedback.js';

/**
 * Checks answers against a survey's questions: pure, so every rule is stated (and tested) here.
 * Each issue's path is `answers.<question id>` and its message names the question's prompt.
 */
const SCALES = { nps: [0, 10], csat: [1, 5] } as const;

const blank = (v: unknown) => v === undefined || v === null || v === '';

const checkOne = (q: Question, value: unknown): Answer | string => {
  switch (q.type) {
    case 'nps':
    case 'csat': {
      const [min, max] = SCALES[q.type];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
        return `must be a whole number from ${min} to ${max}`;
      return { questionId: q.id, type: q.type, score: value, value: null };
    }
    case 'text':
      if (typeof value !== 'string') return 'must be text';
      if (value.length > q.maxLength) return `must be at most ${q.maxLength} characters`;
      return { questionId: q.id, type: 'text', score: null, value };
    case 'choice':
      if (typeof value !== 'string' || !q.options.includes(value))
        return `must be one of: ${q.options.join(', ')}`;
      return { questionId: q.id, type: 'choice', score: null, value };
  }
};

export const checkAnswers = (
  questions: readonly Question[],
  raw: RawAnswers,
): { answers: Answer[]; issues: FieldIssue[] } => {
  const answers: Answer[] = [];
  const issues: FieldIssue[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(raw)) {
    if (!known.has(id)) issues.push({ path: `answers.${id}`, message: 'no such question' });
  }
  for (const q of questions) {
    const value = raw[q.id];
    if (blank(value)) {
      if (q.required)
        issues.push({ path: `answers.${q.id}`, message: `“${q.prompt}” needs an answer` });
      continue;
    }
    const checked = checkOne(q, value);
    if (typeof checked === 'string')
      issues.push({ path: `answers.${q.id}`, message: `“${q.prompt}” ${checked}` });
    else answers.push(checked);
  }
  return { answers, issues };
};

/** Form fields (all strings) as answers: scores become numbers, empty fields are left out. */
export const answersFromForm = (
  questions: readonly Question[],
  form: Record<string, unknown>,
): RawAnswers => {
  const raw: RawAnswers = {};
  for (const q of questions) {
    const value = form[q.id];
    if (typeof value !== 'string' || value === '') continue;
    raw[q.id] =
      q.type === 'nps' || q.type === 'csat' ? (/^\d+$/.test(value) ? Number(value) : value) : value;
  }
  return raw;
};
