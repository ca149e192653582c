import { describe, expect, it } from 'vitest';
import { afterReply, afterStatus } from './complaints.service.js';
import { npsOf } from './feedback-reports.js';
import { QuestionsSchema, type Complaint, type Question } from './feedback.js';
import { answersFromForm, checkAnswers } from './survey-answers.js';
import { renderSurveyForm } from './survey-form.js';
import { signSurveyToken, surveyLinkKey, verifySurveyToken } from './survey-token.js';
import { decodeCursor, encodeCursor, titleOf } from './timeline.js';

const questions: Question[] = QuestionsSchema.parse([
  { id: 'nps', type: 'nps', prompt: 'How likely are you to recommend us?' },
  { id: 'csat', type: 'csat', prompt: 'How satisfied are you?', required: false },
  { id: 'why', type: 'text', prompt: 'Why?', maxLength: 10 },
  { id: 'visit', type: 'choice', prompt: 'How did you shop?', options: ['web', 'store'] },
]);

describe('survey answers', () => {
  it('accepts answers that fit, leaving out blank optional ones', () => {
    const { answers, issues } = checkAnswers(questions, { nps: 9, why: 'fast', visit: 'web' });
    expect(issues).toEqual([]);
    expect(answers).toEqual([
      { questionId: 'nps', type: 'nps', score: 9, value: null },
      { questionId: 'why', type: 'text', score: null, value: 'fast' },
      { questionId: 'visit', type: 'choice', score: null, value: 'web' },
    ]);
  });

  it('names each question at fault, by path and by prompt', () => {
    const { issues } = checkAnswers(questions, {
      nps: 11,
      csat: 0,
      why: 'far too long',
      visit: 'phone',
      extra: 1,
    });
    expect(issues.map((i) => i.path)).toEqual([
      'answers.extra',
      'answers.nps',
      'answers.csat',
      'answers.why',
      'answers.visit',
    ]);
    expect(issues[1]!.message).toContain('How likely are you to recommend us?');
    expect(issues[1]!.message).toContain('0 to 10');
    expect(issues[2]!.message).toContain('1 to 5');
    expect(issues[4]!.message).toContain('web, store');
  });

  it('requires required questions; scores must be whole numbers', () => {
    expect(checkAnswers(questions, { visit: 'web' }).issues.map((i) => i.path)).toEqual([
      'answers.nps',
    ]);
    expect(checkAnswers(questions, { nps: 8.5, visit: 'web' }).issues).toHaveLength(1);
    expect(checkAnswers(questions, { nps: '9', visit: 'web' }).issues).toHaveLength(1);
  });

  it('turns form fields into numbers for scores', () => {
    expect(answersFromForm(questions, { nps: '10', csat: '', why: 'ok', visit: 'store' })).toEqual({
      nps: 10,
      why: 'ok',
      visit: 'store',
    });
  });

  it('refuses duplicate question ids', () => {
    const parsed = QuestionsSchema.safeParse([
      { id: 'a', type: 'nps', prompt: 'x' },
      { id: 'a', type: 'csat', prompt: 'y' },
    ]);
    expect(parsed.success).toBe(false);
  });
});

describe('survey link tokens', () => {
  const key = surveyLinkKey(Buffer.alloc(32, 7));
  const subject = { surveyId: 'svy_1', customerId: 'cus_1' };

  it('round-trips and rejects any change, another key or junk', () => {
    const token = signSurveyToken(key, subject);
    expect(verifySurveyToken(key, token)).toEqual(subject);
    for (let i = 0; i < token.length; i += 1) {
      const changed = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(verifySurveyToken(key, changed)).toBeNull();
    }
    expect(verifySurveyToken(surveyLinkKey(Buffer.alloc(32, 8)), token)).toBeNull();
    for (const junk of ['', 'x', 'a.b', `${token}.x`, 'x'.repeat(400)])
      expect(verifySurveyToken(key, junk)).toBeNull();
  });

  it('is not the card token of the same secret', () => {
    expect(surveyLinkKey(Buffer.alloc(32, 7)).equals(Buffer.alloc(32, 7))).toBe(false);
  });
});

describe('NPS arithmetic', () => {
  it('is % promoters − % detractors, one decimal, half away from zero', () => {
    expect(npsOf(5, 3, 10)).toBe(20);
    expect(npsOf(1, 2, 3)).toBe(-33.3);
    expect(npsOf(2, 0, 3)).toBe(66.7);
    expect(npsOf(0, 0, 0)).toBeNull();
  });
});

describe('complaint transitions', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 4, 4, h));
  const open: Complaint = {
    id: 'cmp_1',
    customerId: 'cus_1',
    subject: 's',
    body: 'b',
    channel: 'email',
    status: 'open',
    openedAt: at(0),
    firstResponseAt: null,
    resolvedAt: null,
    updatedAt: at(0),
    assigneeId: null,
    resolutionNote: null,
  };

  it('the first staff reply is the first response and answers the case; later ones do not move it', () => {
    const customer = afterReply(open, 'customer', at(1));
    expect(customer).toMatchObject({ status: 'open', firstResponseAt: null });
    const staff = afterReply(customer, 'staff', at(2));
    expect(staff).toMatchObject({ status: 'answered', firstResponseAt: at(2) });
    const again = afterReply(afterReply(staff, 'customer', at(3)), 'staff', at(4));
    expect(again.firstResponseAt).toEqual(at(2));
  });

  it('resolving stamps resolved_at; reopening clears it', () => {
    const resolved = afterStatus(open, 'resolved', at(5));
    expect(resolved.resolvedAt).toEqual(at(5));
    expect(afterStatus(resolved, 'open', at(6)).resolvedAt).toBeNull();
  });

  it('a resolution keeps its note; reopening clears it', () => {
    const resolved = afterStatus(open, 'resolved', at(5), 'Refunded the order');
    expect(resolved.resolutionNote).toBe('Refunded the order');
    expect(afterStatus(resolved, 'open', at(6)).resolutionNote).toBeNull();
  });
});

describe('timeline', () => {
  it('cursors round-trip; junk is refused', () => {
    const c = { at: new Date('2026-01-02T03:04:05.678Z'), kind: 'order', id: 'ord_1' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(() => decodeCursor('nope')).toThrow(/cursor/);
    expect(() => decodeCursor(Buffer.from('[1,2,3]').toString('base64url'))).toThrow(/cursor/);
  });

  it('titles read well', () => {
    expect(titleOf('points', { points: -20, code: 'redeem' })).toBe('-20 points (redeem)');
    expect(titleOf('tier', { fromTier: null, toTier: 'gold' })).toBe('Tier none → gold');
  });
});

describe('survey form', () => {
  it('labels every control, escapes text and links errors to their question', () => {
    const html = renderSurveyForm(
      {
        id: 'svy_1',
        key: 'k',
        title: 'Tell <us>',
        description: null,
        questions,
        status: 'active',
        translations: {},
        createdAt: new Date(),
        updatedAt: new Date(),
      },
      {
        action: '/s/t',
        answered: false,
        issues: [{ path: 'answers.nps', message: 'needs an answer' }],
      },
    );
    expect(html).toContain('<title>Tell &#60;us&#62;</title>');
    expect(html).not.toContain('<us>');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('aria-describedby="err-nps"');
    expect(html).toContain('<label for="q-why">');
    expect((html.match(/type="radio" name="nps"/g) ?? []).length).toBe(11);
    expect((html.match(/type="radio" name="csat"/g) ?? []).length).toBe(5);
  });
});
