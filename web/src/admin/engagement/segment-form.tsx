import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { client, unwrap } from '../../shared/api';
import { formatNumber } from '../../shared/format';
import { ErrorNotice, Panel } from '../ui';
import { EXAMPLE_DEFINITION } from './definition';
import type { paths } from '../../shared/api.generated';

/**
 * A definition as POST /v1/segments/preview takes it. The page sends the JSON typed into the form
 * as it is: the server checks it and names each fault, which the form shows.
 */
type Definition =
  paths['/v1/segments/preview']['post']['requestBody']['content']['application/json']['definition'];

/** A key from a name: "Big spenders 2026" → "big-spenders-2026" (the API's slug rules). */
const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);

/** The textarea's JSON, or the reason it is not JSON (said before anything is sent). */
const parse = (text: string): { definition: Definition } | { problem: string } => {
  try {
    return { definition: JSON.parse(text) as Definition };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
};

/**
 * Create a dynamic segment from a JSON definition. "Preview" asks the server for the size without
 * saving (POST /v1/segments/preview); "Create" saves it (POST /v1/segments) and refreshes it at
 * once, since a new segment has no members until its first refresh. The server's own messages,
 * with the path of each fault, are shown as they come.
 */
export const SegmentForm = () => {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [keyEdited, setKeyEdited] = useState(false);
  const [text, setText] = useState(EXAMPLE_DEFINITION);
  const parsed = parse(text);
  const definition = 'definition' in parsed ? parsed.definition : undefined;
  const effectiveKey = keyEdited ? key : slug(name);

  const preview = useMutation({
    mutationFn: (asked: Definition) =>
      unwrap(client.POST('/v1/segments/preview', { body: { definition: asked } })),
  });
  const create = useMutation({
    mutationFn: async () => {
      const segment = await unwrap(
        client.POST('/v1/segments', {
          body: { key: effectiveKey, name, kind: 'dynamic', definition },
        }),
      );
      return unwrap(
        client.POST('/v1/segments/{id}/refresh', { params: { path: { id: segment.id } } }),
      );
    },
    // Also after a failed refresh: the segment was saved and belongs in the list.
    onSettled: () => queries.invalidateQueries({ queryKey: ['eng', 'segments'] }),
    onSuccess: ({ segment }) => navigate(segment.id),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (definition !== undefined) create.mutate();
  };

  return (
    <Panel title="New dynamic segment">
      <form className="eng-form" onSubmit={submit} aria-describedby="segment-form-help">
        <p id="segment-form-help" className="muted">
          Customers who match the definition’s filter. Fields, operators and limits are described in
          the segments guide (docs/segments.md); money is in minor units of the programme currency.
        </p>
        <div className="eng-form-row">
          <label>
            Name
            <input
              value={name}
              required
              maxLength={200}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label>
            Key
            <input
              value={effectiveKey}
              required
              maxLength={64}
              pattern="[a-z0-9][a-z0-9_\-]*"
              aria-describedby="segment-key-help"
              onChange={(e) => {
                setKeyEdited(true);
                setKey(e.target.value);
              }}
            />
            <span id="segment-key-help" className="muted eng-hint">
              Lowercase letters, digits, dash or underscore; how rules name the segment.
            </span>
          </label>
        </div>
        <label>
          Definition (JSON)
          <textarea
            rows={12}
            value={text}
            spellCheck={false}
            aria-invalid={'problem' in parsed}
            aria-describedby={'problem' in parsed ? 'segment-json-problem' : undefined}
            onChange={(e) => {
              setText(e.target.value);
              preview.reset();
            }}
          />
        </label>
        {'problem' in parsed && (
          <p id="segment-json-problem" className="error" role="alert">
            The definition is not valid JSON: {parsed.problem}
          </p>
        )}
        <div className="eng-actions">
          <button
            type="button"
            className="secondary"
            disabled={definition === undefined || preview.isPending}
            onClick={() => definition !== undefined && preview.mutate(definition)}
          >
            {preview.isPending ? 'Previewing…' : 'Preview size'}
          </button>
          <button type="submit" disabled={definition === undefined || create.isPending}>
            {create.isPending ? 'Creating…' : 'Create segment'}
          </button>
        </div>
        {preview.error && <ErrorNotice error={preview.error} />}
        {preview.data && !preview.isPending && (
          <p role="status">
            This definition matches <strong>{formatNumber(preview.data.size)}</strong> customers
            now.
          </p>
        )}
        {create.error && <ErrorNotice error={create.error} />}
      </form>
    </Panel>
  );
};
