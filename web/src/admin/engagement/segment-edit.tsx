import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { client, unwrap } from '../../shared/api';
import { ErrorNotice, Loaded, PageTitle, Panel } from '../ui';
import { WithBuilderData, type BuilderData } from './builder/builder-data';
import { DefinitionEditor, useDefinitionBuilder } from './builder/definition-editor';
import type { Filter } from './builder/tree';
import { useSegment } from './queries';
import type { Segment } from './types';

/** /admin/segments/:id/edit: the saved definition in the builder; saving refreshes the members. */
export const SegmentEdit = () => {
  const id = useParams().id ?? '';
  const segment = useSegment(id);
  return (
    <>
      <p className="eng-back">
        <Link to={`/segments/${id}`}>← Back to the segment</Link>
      </p>
      <PageTitle>{segment.data ? `Edit segment: ${segment.data.name}` : 'Edit segment'}</PageTitle>
      <Loaded query={segment} what="the segment">
        {(s) => (
          <Panel title="Conditions">
            {s.kind !== 'dynamic' || !s.definition || s.archivedAt ? (
              <p className="muted">Only an active dynamic segment has conditions to edit.</p>
            ) : (
              <WithBuilderData editingId={s.id}>
                {(data) => (
                  <EditDefinition segment={s} filter={s.definition!.filter as Filter} data={data} />
                )}
              </WithBuilderData>
            )}
          </Panel>
        )}
      </Loaded>
    </>
  );
};

const EditDefinition = ({
  segment,
  filter: saved,
  data,
}: {
  segment: Segment;
  filter: Filter;
  data: BuilderData;
}) => {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const builder = useDefinitionBuilder(data, saved);
  const filter = 'filter' in builder.result ? builder.result.filter : null;
  const path = { params: { path: { id: segment.id } } };

  const save = useMutation({
    mutationFn: async () => {
      await unwrap(
        client.PATCH('/v1/segments/{id}', {
          ...path,
          body: { definition: { schemaVersion: 1, filter: filter! } },
        }),
      );
      return unwrap(client.POST('/v1/segments/{id}/refresh', path));
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['eng', 'segment'] }),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['eng', 'segments'] });
      navigate(`/segments/${segment.id}`);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (filter) save.mutate();
  };

  return (
    <form className="eng-form" onSubmit={submit}>
      <DefinitionEditor data={data} builder={builder} saveError={save.error} />
      <div className="eng-actions">
        <button type="submit" disabled={!filter || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save and refresh members'}
        </button>
        <Link to={`/segments/${segment.id}`}>Cancel</Link>
      </div>
      {save.error && <ErrorNotice error={save.error} />}
    </form>
  );
};
