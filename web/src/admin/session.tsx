import {
  createContext,
  useContext,
  useEffect,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import {
  ApiError,
  client,
  setCsrfToken,
  unwrap,
  whenUnauthorized,
  type Schemas,
} from '../shared/api';
import { ErrorNotice } from './ui';

type SessionView = Schemas['Session'];
export type SessionPrincipal = SessionView['principal'];

interface SessionState {
  principal: SessionPrincipal;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export const useSession = (): SessionState => {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
};

/** Shows the sign-in form until there is a session, then the dashboard. */
export const SessionGate = ({ children }: { children: ReactNode }) => {
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);

  const accept = (view: SessionView | null) => {
    setCsrfToken(view?.csrfToken ?? null);
    setSession(view);
  };

  useEffect(() => {
    whenUnauthorized(() => accept(null));
    unwrap(client.GET('/auth/session'))
      .then(accept)
      .catch(() => accept(null));
  }, []);

  if (session === undefined) return <p role="status">Loading…</p>;
  if (session === null) return <SignIn onSignedIn={accept} />;
  const state: SessionState = {
    principal: session.principal,
    signOut: async () => {
      await unwrap(client.DELETE('/auth/session')).catch(() => undefined);
      accept(null);
    },
  };
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
};

const SignIn = ({ onSignedIn }: { onSignedIn: (view: SessionView) => void }) => {
  const [mode, setMode] = useState<'user' | 'key'>('user');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = mode === 'user' ? { email, password } : { apiKey };
      onSignedIn(await unwrap(client.POST('/auth/session', { body })));
    } catch (e) {
      setError(e instanceof ApiError ? e : new Error('The server could not be reached'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>Regulars</h1>
      <form onSubmit={submit} aria-label="Sign in">
        <fieldset className="segmented">
          <legend>Sign in with</legend>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === 'user'}
              onChange={() => setMode('user')}
            />
            E-mail and password
          </label>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === 'key'}
              onChange={() => setMode('key')}
            />
            Admin API key
          </label>
        </fieldset>
        {mode === 'user' ? (
          <>
            <label>
              E-mail
              <input
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </label>
            <label>
              Password
              <input
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
          </>
        ) : (
          <label>
            API key
            <input
              type="password"
              autoComplete="off"
              required
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
            />
          </label>
        )}
        {error !== null && <ErrorNotice error={error} />}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
};
