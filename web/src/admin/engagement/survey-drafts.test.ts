import { describe, expect, it } from 'vitest';
import { draftOf, questionsOf, type DraftQuestion } from './survey-drafts';

const draft = (kind: DraftQuestion['kind'], id?: string): DraftQuestion => ({
  ...(id ? { id } : {}),
  kind,
  prompt: 'Q',
  required: true,
  options: kind === 'choice' ? 'a\nb' : '',
});

describe('survey questions from the form', () => {
  it('names new questions by kind, then kind and position', () => {
    const ids = questionsOf([draft('nps'), draft('text'), draft('nps')]).map((q) => q.id);
    expect(ids).toEqual(['nps', 'text', 'nps-3']);
  });

  it('keeps stored ids, and never gives a new question one of them', () => {
    const stored = draftOf({ id: 'visit', type: 'choice', prompt: 'Where?', options: ['a', 'b'] });
    const ids = questionsOf([draft('text', 'nps'), stored, draft('nps'), draft('text')]).map(
      (q) => q.id,
    );
    expect(ids).toEqual(['nps', 'visit', 'nps-3', 'text']);
    expect(new Set(ids).size).toBe(4);
  });
});
