import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, client, unwrap, type Schemas } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Empty, ErrorNotice, Loaded, Panel } from '../ui';
import { ConfirmButton } from './confirm-button';
import { Saved } from './shared';

type Role = Schemas['User']['role'];

const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin (everything)',
  pos: 'Store staff (till: customers, orders, points, rewards)',
};

const NEW_USER = { email: '', name: '', password: '', role: 'admin' as Role };

/** The server's message for one field of the new-user form, shown beside it. */
const issueFor = (error: unknown, key: string) =>
  error instanceof ApiError
    ? error.issues
        .filter((i) => i.path === key)
        .map((i) => i.message)
        .join('; ')
    : '';

/** Dashboard users (GET/POST /v1/users): people who sign in with e-mail and password. */
export const UsersSection = () => {
  const queries = useQueryClient();
  const users = useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/users', { signal })),
  });
  const [draft, setDraft] = useState(NEW_USER);
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => unwrap(client.POST('/v1/users', { body: draft })),
    onSuccess: (user) => {
      setDone(`${user.name} (${user.email}) can now sign in.`);
      setDraft(NEW_USER);
      void queries.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const disable = useMutation({
    mutationFn: (user: Schemas['User']) =>
      unwrap(client.POST('/v1/users/{id}/disable', { params: { path: { id: user.id } } })),
    onSuccess: (user) => {
      setDone(`${user.name} is disabled; their sessions have ended.`);
      void queries.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    create.mutate();
  };
  const input = (key: 'email' | 'name' | 'password') => {
    const issue = issueFor(create.error, key);
    return {
      props: {
        id: `new-user-${key}`,
        value: draft[key],
        onChange: (e: { target: { value: string } }) =>
          setDraft((d) => ({ ...d, [key]: e.target.value })),
        'aria-invalid': issue ? ('true' as const) : undefined,
        'aria-describedby': issue ? `new-user-${key}-error` : undefined,
      },
      error: issue ? (
        <span className="field-error" id={`new-user-${key}-error`}>
          {issue}
        </span>
      ) : null,
    };
  };
  const email = input('email');
  const name = input('name');
  const password = input('password');

  return (
    <Panel title="Dashboard users">
      <Loaded query={users} what="users">
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No users yet: only API keys sign in. Add a person below.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>E-mail</th>
                  <th>Role</th>
                  <th>Created</th>
                  <th>Status</th>
                  <th>Actions</th>
                </tr>
              </thead>
              <tbody>
                {items.map((u) => (
                  <tr key={u.id}>
                    <td>{u.name}</td>
                    <td>{u.email}</td>
                    <td>{u.role}</td>
                    <td>{formatDateTime(u.createdAt)}</td>
                    <td>{u.disabledAt ? `Disabled ${formatDateTime(u.disabledAt)}` : 'Active'}</td>
                    <td>
                      {!u.disabledAt && (
                        <ConfirmButton
                          label={`Disable ${u.name}`}
                          question={`Disable ${u.name}? They are signed out at once.`}
                          confirmLabel="Disable"
                          disabled={disable.isPending}
                          onConfirm={() => {
                            setDone(null);
                            disable.mutate(u);
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
      {disable.error && <ErrorNotice error={disable.error} />}
      <form onSubmit={onSubmit} noValidate aria-label="Add a user">
        <h3>Add a user</h3>
        <div className="prog-form-grid">
          <label>
            Name
            <input type="text" autoComplete="off" {...name.props} />
            {name.error}
          </label>
          <label>
            E-mail
            <input type="email" autoComplete="off" {...email.props} />
            {email.error}
          </label>
          <label>
            Password (at least 12 characters)
            <input type="password" autoComplete="new-password" {...password.props} />
            {password.error}
          </label>
          <label>
            Role
            <select
              value={draft.role}
              onChange={(e) => setDraft((d) => ({ ...d, role: e.target.value as Role }))}
            >
              {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
        </div>
        {create.error && <ErrorNotice error={create.error} />}
        {done && <Saved>{done}</Saved>}
        <div className="toolbar">
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add user'}
          </button>
        </div>
      </form>
    </Panel>
  );
};
