import type { Questions } from './survey-translations';

export type Kind = 'nps' | 'csat' | 'text' | 'choice';

/** A question as the form edits it; `id` is the stored one, absent for a question added here. */
export interface DraftQuestion {
  id?: string;
  kind: Kind;
  prompt: string;
  required: boolean;
  options: string;
}

export const draftOf = (q: Record<string, unknown>): DraftQuestion => ({
  id: typeof q.id === 'string' ? q.id : undefined,
  kind: q.type as Kind,
  prompt: String(q.prompt ?? ''),
  required: q.required !== false,
  options: Array.isArray(q.options) ? q.options.join('\n') : '',
});

/**
 * A stored question keeps its id (its translations and any rule or report name it by that);
 * a new one is named from its kind and position ("nps", "text-2"), unique in the survey.
 */
export const questionsOf = (drafts: DraftQuestion[]): Questions => {
  const used = new Set(drafts.flatMap((d) => (d.id ? [d.id] : [])));
  return drafts.map((d, i) => {
    let id = d.id;
    for (let n = 1; !id; n++) {
      const candidate = n === 1 ? d.kind : `${d.kind}-${i + 1}${n > 2 ? `-${n - 1}` : ''}`;
      if (!used.has(candidate)) id = candidate;
    }
    used.add(id);
    const base = { id, prompt: d.prompt.trim(), required: d.required };
    if (d.kind === 'choice')
      return {
        ...base,
        type: 'choice' as const,
        options: d.options
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean),
      };
    return { ...base, type: d.kind };
  });
};
