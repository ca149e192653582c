import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { client, unwrap } from '../../shared/api';
import { ErrorNotice, Panel } from '../ui';
import { WithBuilderData, type BuilderData } from './builder/builder-data';
import { DefinitionEditor, useDefinitionBuilder } from './builder/definition-editor';

/** A key from a name: "Big spenders 2026" → "big-spenders-2026" (the API's slug rules). */
const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);

/**
 * Create a dynamic segment with the condition builder. "Create" saves it (POST /v1/segments) and
 * refreshes it at once, since a new segment has no members until its first refresh.
 */
export const SegmentForm = () => (
  <Panel title="New dynamic segment">
    <WithBuilderData>{(data) => <NewSegment data={data} />}</WithBuilderData>
  </Panel>
);

const NewSegment = ({ data }: { data: BuilderData }) => {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [keyEdited, setKeyEdited] = useState(false);
  const builder = useDefinitionBuilder(data);
  const effectiveKey = keyEdited ? key : slug(name);
  const filter = 'filter' in builder.result ? builder.result.filter : null;

  const create = useMutation({
    mutationFn: async () => {
      const segment = await unwrap(
        client.POST('/v1/segments', {
          body: {
            key: effectiveKey,
            name,
            kind: 'dynamic',
            definition: { schemaVersion: 1, filter: filter! },
          },
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
    if (filter) create.mutate();
  };

  return (
    <form className="eng-form" onSubmit={submit} aria-describedby="segment-form-help">
      <p id="segment-form-help" className="muted">
        Customers who match the conditions. Add conditions and groups; the size updates as you go.
      </p>
      <div className="eng-form-row">
        <label>
          Name
          <input value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
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
      <DefinitionEditor data={data} builder={builder} saveError={create.error} />
      <div className="eng-actions">
        <button type="submit" disabled={!filter || create.isPending}>
          {create.isPending ? 'Creating…' : 'Create segment'}
        </button>
      </div>
      {create.error && <ErrorNotice error={create.error} />}
    </form>
  );
};
