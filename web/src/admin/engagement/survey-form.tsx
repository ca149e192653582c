import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { client, unwrap } from '../../shared/api';
import { FieldMessage, fieldMessage, invalidProps } from '../customer/field-errors';
import { TranslationsEditor, type TranslationTexts } from '../programme/translations-editor';
import { ErrorNotice, Panel } from '../ui';
import { useFeedbackWrite } from './feedback-queries';
import { draftOf, questionsOf, type DraftQuestion, type Kind } from './survey-drafts';
import {
  surveyTranslationFields,
  surveyTranslationTexts,
  surveyTranslationsBody,
} from './survey-translations';
import type { Survey } from './types';

/**
 * A survey's questions as the form edits them: each kind the domain knows (docs/feedback.md):
 * NPS (0–10), CSAT (1–5), free text, and one choice among options (one per line).
 */
const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'nps', label: 'NPS: 0–10, how likely to recommend' },
  { kind: 'csat', label: 'CSAT: 1–5, how satisfied' },
  { kind: 'text', label: 'Free text' },
  { kind: 'choice', label: 'One choice among options' },
];
const PROMPTS: Record<Kind, string> = {
  nps: 'How likely are you to recommend us to a friend?',
  csat: 'How satisfied are you with us?',
  text: 'Is there anything we should improve?',
  choice: '',
};

const keyOf = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 60) || 'survey';

/** Create a survey, or change one (`survey` given): its questions only while it has no answers. */
export const SurveyForm = ({ survey, onDone }: { survey?: Survey; onDone?: () => void }) => {
  const navigate = useNavigate();
  const [title, setTitle] = useState(survey?.title ?? '');
  const [key, setKey] = useState<string | null>(null);
  const [description, setDescription] = useState(survey?.description ?? '');
  const [status, setStatus] = useState<'draft' | 'active'>(
    survey?.status === 'active' ? 'active' : 'draft',
  );
  const [drafts, setDrafts] = useState<DraftQuestion[]>(
    survey
      ? survey.questions.map(draftOf)
      : [
          { kind: 'nps', prompt: PROMPTS.nps, required: true, options: '' },
          { kind: 'text', prompt: PROMPTS.text, required: false, options: '' },
        ],
  );
  const [translations, setTranslations] = useState<TranslationTexts>(() =>
    surveyTranslationTexts(survey?.translations),
  );
  const locked = (survey?.responses ?? 0) > 0;
  const questions = questionsOf(drafts);
  const save = useFeedbackWrite(async () => {
    if (survey)
      return unwrap(
        client.PATCH('/v1/surveys/{id}', {
          params: { path: { id: survey.id } },
          body: {
            title,
            description: description.trim() || null,
            ...(locked ? {} : { questions }),
            translations: surveyTranslationsBody(translations, questions),
          },
        }),
      );
    return unwrap(
      client.POST('/v1/surveys', {
        body: {
          key: key ?? keyOf(title),
          title,
          description: description.trim() || undefined,
          questions,
          status,
          translations: surveyTranslationsBody(translations, questions),
        },
      }),
    );
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined, {
      onSuccess: (saved) => (onDone ? onDone() : navigate(`/feedback/surveys/${saved.id}`)),
    });
  };
  const change = (i: number, patch: Partial<DraftQuestion>) =>
    setDrafts((all) => all.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const err = (path: string) => fieldMessage(save.error, path);

  return (
    <Panel title={survey ? 'Edit survey' : 'New survey'}>
      <form className="eng-form" onSubmit={submit} noValidate={false}>
        <div className="eng-form-row">
          <label>
            Name
            <input
              value={title}
              required
              maxLength={200}
              onChange={(e) => setTitle(e.target.value)}
              {...invalidProps('survey-title-error', err('title'))}
            />
            <FieldMessage id="survey-title-error" message={err('title')} />
          </label>
          {!survey && (
            <label>
              Key
              <input
                value={key ?? keyOf(title)}
                required
                maxLength={100}
                pattern="[a-z][a-z0-9_.\-]*"
                aria-describedby="survey-key-help"
                onChange={(e) => setKey(e.target.value)}
                {...invalidProps('survey-key-error', err('key'))}
              />
              <span id="survey-key-help" className="muted eng-hint">
                How rules name the survey (survey.answered); lowercase letters, digits, dot, dash.
              </span>
              <FieldMessage id="survey-key-error" message={err('key')} />
            </label>
          )}
          {!survey && (
            <label>
              Status
              <select
                value={status}
                onChange={(e) => setStatus(e.target.value as 'draft' | 'active')}
              >
                <option value="draft">Draft: not answerable yet</option>
                <option value="active">Active: takes answers</option>
              </select>
            </label>
          )}
        </div>
        <label>
          Description (optional)
          <textarea
            rows={2}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </label>
        <fieldset disabled={locked}>
          <legend>Questions</legend>
          {locked && (
            <p className="muted">
              The survey has answers: its questions can no longer change (create a new survey).
            </p>
          )}
          <ol className="eng-questions">
            {drafts.map((d, i) => (
              <li key={i}>
                <div className="eng-form-row">
                  <label>
                    Kind of question {i + 1}
                    <select
                      value={d.kind}
                      onChange={(e) => {
                        const kind = e.target.value as Kind;
                        // Another kind is another question: it gets an id of its own.
                        change(i, { kind, id: undefined, prompt: d.prompt || PROMPTS[kind] });
                      }}
                    >
                      {KINDS.map((k) => (
                        <option key={k.kind} value={k.kind}>
                          {k.label}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Question {i + 1}
                    <input
                      value={d.prompt}
                      required
                      maxLength={500}
                      onChange={(e) => change(i, { prompt: e.target.value })}
                      {...invalidProps(`q${i}-error`, err(`questions.${i}`))}
                    />
                    <FieldMessage id={`q${i}-error`} message={err(`questions.${i}`)} />
                  </label>
                  <label className="eng-check">
                    <input
                      type="checkbox"
                      checked={d.required}
                      onChange={(e) => change(i, { required: e.target.checked })}
                    />
                    Answer required
                  </label>
                </div>
                {d.kind === 'choice' && (
                  <label>
                    Options of question {i + 1}, one per line (2 to 30)
                    <textarea
                      rows={3}
                      value={d.options}
                      required
                      onChange={(e) => change(i, { options: e.target.value })}
                    />
                  </label>
                )}
                <button
                  type="button"
                  className="secondary"
                  disabled={drafts.length === 1}
                  onClick={() => setDrafts((all) => all.filter((_, j) => j !== i))}
                >
                  Remove question {i + 1}
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              setDrafts((all) => [
                ...all,
                { kind: 'csat', prompt: PROMPTS.csat, required: true, options: '' },
              ])
            }
          >
            Add a question
          </button>
        </fieldset>
        <TranslationsEditor
          subject="the survey"
          fields={surveyTranslationFields(title, description, questions)}
          value={translations}
          onChange={setTranslations}
        />
        {save.error ? <ErrorNotice error={save.error} /> : null}
        <div className="eng-actions">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : survey ? 'Save changes' : 'Create survey'}
          </button>
          {onDone && (
            <button type="button" className="secondary" onClick={onDone}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </Panel>
  );
};
