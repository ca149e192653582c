import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, client, unwrap, type Schemas } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Empty, ErrorNotice, Loaded, Panel } from '../ui';
import { ConfirmButton } from './confirm-button';
import { Saved } from './shared';

type Role = Schemas['ApiKey']['role'];
type Created = { id: string; name: string; role: Role; secret: string };

/**
 * The secret of a key just created. The server keeps only its hash, so this is the one time it
 * can be read: it stays until the admin dismisses it, with a copy button.
 */
const NewSecret = ({ created, onDone }: { created: Created; onDone: () => void }) => {
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopy('copied');
    } catch {
      // No clipboard (plain http on another host, a refused permission): the field can be selected.
      setCopy('failed');
    }
  };
  return (
    <div className="prog-secret" role="region" aria-label="New API key secret">
      <p>
        <strong>Copy the secret of “{created.name}” now.</strong> It is shown this once; the server
        keeps only a hash of it. Send it as <code>Authorization: Bearer …</code>.
      </p>
      <label>
        Secret of {created.name}
        <input type="text" readOnly value={created.secret} onFocus={(e) => e.target.select()} />
      </label>
      <div className="toolbar">
        <button type="button" onClick={() => void copySecret()}>
          Copy secret
        </button>
        <button type="button" className="link" onClick={onDone}>
          I have stored it
        </button>
      </div>
      <p role="status" className={copy === 'failed' ? 'bad' : 'good'}>
        {copy === 'copied'
          ? 'Copied.'
          : copy === 'failed'
            ? 'Copying did not work here: select the field and copy it yourself.'
            : ''}
      </p>
    </div>
  );
};

/** API keys for scripts and tills (GET/POST /v1/api-keys, POST …/revoke). */
export const ApiKeysSection = () => {
  const queries = useQueryClient();
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/api-keys', { signal })),
  });
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('pos');
  const [created, setCreated] = useState<Created | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => unwrap(client.POST('/v1/api-keys', { body: { name: name.trim(), role } })),
    onSuccess: (key) => {
      setCreated(key);
      setName('');
      void queries.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (key: Schemas['ApiKey']) =>
      unwrap(client.POST('/v1/api-keys/{id}/revoke', { params: { path: { id: key.id } } })),
    onSuccess: (key) => {
      setDone(`“${key.name}” is revoked: requests with it are refused from now on.`);
      void queries.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const nameIssue =
    create.error instanceof ApiError
      ? create.error.issues
          .filter((i) => i.path === 'name')
          .map((i) => i.message)
          .join('; ')
      : '';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    create.mutate();
  };

  return (
    <Panel title="API keys">
      {created && <NewSecret created={created} onDone={() => setCreated(null)} />}
      <Loaded query={keys} what="API keys">
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No API keys.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Created</th>
                  <th>Status</th>
                  <th>Actions</th>
                </tr>
              </thead>
              <tbody>
                {items.map((k) => (
                  <tr key={k.id}>
                    <td>{k.name}</td>
                    <td>{k.role}</td>
                    <td>{formatDateTime(k.createdAt)}</td>
                    <td>{k.revokedAt ? `Revoked ${formatDateTime(k.revokedAt)}` : 'Active'}</td>
                    <td>
                      {!k.revokedAt && (
                        <ConfirmButton
                          label={`Revoke ${k.name}`}
                          question={`Revoke “${k.name}”? Anything using it stops working.`}
                          confirmLabel="Revoke"
                          disabled={revoke.isPending}
                          onConfirm={() => {
                            setDone(null);
                            revoke.mutate(k);
                          }}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
      {revoke.error && <ErrorNotice error={revoke.error} />}
      {done && <Saved>{done}</Saved>}
      <form onSubmit={onSubmit} noValidate aria-label="Create an API key">
        <h3>Create an API key</h3>
        <div className="prog-form-grid">
          <label>
            Name (what uses it, e.g. “Till 3”)
            <input
              type="text"
              id="new-key-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={nameIssue ? 'true' : undefined}
              aria-describedby={nameIssue ? 'new-key-name-error' : undefined}
            />
            {nameIssue && (
              <span className="field-error" id="new-key-name-error">
                {nameIssue}
              </span>
            )}
          </label>
          <label>
            Role
            <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              <option value="pos">Store staff (till)</option>
              <option value="admin">Admin (everything)</option>
            </select>
          </label>
        </div>
        {create.error && <ErrorNotice error={create.error} />}
        <div className="toolbar">
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
    </Panel>
  );
};
