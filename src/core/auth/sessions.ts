import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { authenticate } from './auth.service.js';
import type { ApiKeyRepository, Principal, Role } from './auth.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';
import type { UserRepository } from './users.js';

/**
 * Browser sessions for the dashboard. The browser holds a random token in an HTTP-only cookie; the
 * database keeps only its hash, the principal it stands for and a CSRF token that the page reads
 * once at sign-in and sends back on every write (the synchronizer-token pattern).
 */
export const SESSION_HOURS = 12;

export type SessionSubject =
  { kind: 'api_key'; apiKeyId: string } | { kind: 'user'; userId: string };

export interface Session {
  subject: SessionSubject;
  principal: Principal;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface SessionRepository {
  insert(session: Session, tokenHash: string): Promise<void>;
  /** The session, if not revoked and its key or user is still active; expiry is checked here. */
  findActive(tokenHash: string): Promise<Session | null>;
  revoke(tokenHash: string, at: Date): Promise<void>;
}

/**
 * Password sign-ins, by e-mail (lower case), counted before the password is checked: what is not
 * counted cannot be checked, however many requests arrive at once and in however many processes.
 */
export interface SignInFailures {
  /**
   * Counts one attempt at `at` unless `limit` attempts since `since` are counted already, in one
   * step no concurrent attempt for the e-mail can interleave with; forgets attempts before `since`.
   * Returns the counted attempt, or null when it was refused.
   */
  count(email: string, at: Date, since: Date, limit: number): Promise<string | null>;
  /** Uncounts an attempt whose password was right: only wrong ones are held against the e-mail. */
  uncount(attempt: string): Promise<void>;
}

/**
 * At most this many wrong passwords per e-mail in the window, whoever sends them: enough for a
 * person who mistypes, far too few to guess a 12-character password. The price is that someone
 * who knows a user's e-mail can keep that user out for the window; the admin key still works.
 * Each attempt is counted before its password is checked (so parallel guesses cannot all be
 * checked) and uncounted once the password proves right.
 */
export const SIGN_IN_FAILURE_LIMIT = 10;
export const SIGN_IN_FAILURE_WINDOW_MINUTES = 15;

export interface SessionDeps {
  apiKeys: ApiKeyRepository;
  users: UserRepository;
  sessions: SessionRepository;
  signInFailures: SignInFailures;
  clock: Clock;
}

export type Credentials = { apiKey: string } | { email: string; password: string };

export const hashSessionToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

const refused = () =>
  new DomainError('unauthorized', 'invalid_credentials', 'The e-mail or password is wrong');

const principalFor = async (deps: SessionDeps, credentials: Credentials) => {
  if ('apiKey' in credentials) {
    const principal = await authenticate(deps, credentials.apiKey);
    return { principal, subject: { kind: 'api_key', apiKeyId: principal.keyId } as const };
  }
  const email = credentials.email.toLowerCase();
  const now = deps.clock.now();
  const windowStart = new Date(now.getTime() - SIGN_IN_FAILURE_WINDOW_MINUTES * 60_000);
  const attempt = await deps.signInFailures.count(email, now, windowStart, SIGN_IN_FAILURE_LIMIT);
  if (attempt === null) {
    throw new DomainError(
      'forbidden',
      'too_many_sign_in_attempts',
      `Too many wrong passwords for this e-mail; try again in ${SIGN_IN_FAILURE_WINDOW_MINUTES} minutes`,
    );
  }
  const found = await deps.users.findByEmail(email);
  const matches = await verifyPassword(
    credentials.password,
    found?.passwordHash ?? (await decoyPasswordHash()),
  );
  // A wrong password stays counted; so does an error on the way, which leans to refusing.
  if (!found || !matches || found.user.disabledAt) throw refused();
  await deps.signInFailures.uncount(attempt);
  const { user } = found;
  return {
    principal: { keyId: user.id, role: user.role, name: user.name },
    subject: { kind: 'user', userId: user.id } as const,
  };
};

/** The dashboard is the programme's back office: store staff (pos) use the POS API instead. */
const DASHBOARD_ROLES: readonly Role[] = ['admin'];

export const signIn = async (
  deps: SessionDeps,
  credentials: Credentials,
): Promise<{ token: string; session: Session }> => {
  const { principal, subject } = await principalFor(deps, credentials);
  if (!DASHBOARD_ROLES.includes(principal.role)) {
    throw new DomainError(
      'forbidden',
      'dashboard_needs_admin',
      'Only admin keys and admin users can sign in to the dashboard',
    );
  }
  const now = deps.clock.now();
  const token = randomBytes(32).toString('base64url');
  const session: Session = {
    subject,
    principal,
    csrfToken: randomBytes(32).toString('base64url'),
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
  };
  await deps.sessions.insert(session, hashSessionToken(token));
  return { token, session };
};

export const sessionFor = async (
  deps: Pick<SessionDeps, 'sessions' | 'clock'>,
  token: string,
): Promise<Session> => {
  const session = await deps.sessions.findActive(hashSessionToken(token));
  if (!session || session.expiresAt.getTime() <= deps.clock.now().getTime()) {
    throw new DomainError(
      'unauthorized',
      'session_expired',
      'The session has ended or is unknown; sign in again',
    );
  }
  return session;
};

export const signOut = (deps: Pick<SessionDeps, 'sessions' | 'clock'>, token: string) =>
  deps.sessions.revoke(hashSessionToken(token), deps.clock.now());

/** Compares in constant time, so the check leaks nothing about how much of a guess was right. */
export const csrfTokenMatches = (session: Session, sent: string | undefined): boolean => {
  if (!sent) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
};
