import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import {
  generateApiKeySecret,
  hashApiKey,
  type ApiKey,
  type ApiKeyRepository,
  type Principal,
  type Role,
} from './auth.js';

export interface AuthDeps {
  apiKeys: ApiKeyRepository;
  clock: Clock;
}

export const createApiKey = async (
  deps: AuthDeps,
  input: { name: string; role: Role; secret?: string },
): Promise<{ key: ApiKey; secret: string }> => {
  const secret = input.secret ?? generateApiKeySecret(input.role);
  const key: ApiKey = {
    id: newId('apiKey'),
    name: input.name,
    role: input.role,
    createdAt: deps.clock.now(),
    revokedAt: null,
  };
  await deps.apiKeys.insert(key, hashApiKey(secret));
  return { key, secret };
};

export const authenticate = async (
  deps: Pick<AuthDeps, 'apiKeys'>,
  secret: string,
): Promise<Principal> => {
  const key = await deps.apiKeys.findByHash(hashApiKey(secret));
  if (!key || key.revokedAt) {
    throw new DomainError('unauthorized', 'invalid_api_key', 'The API key is unknown or revoked');
  }
  return { keyId: key.id, role: key.role, name: key.name };
};

/** Every key, oldest first, revoked ones included: never a secret (only hashes are stored). */
export const listApiKeys = (deps: Pick<AuthDeps, 'apiKeys'>): Promise<ApiKey[]> =>
  deps.apiKeys.list();

/**
 * Revokes a key; revoking a revoked key again changes nothing and returns it as it is. The last
 * active admin key is refused: without it nobody could create another key (a dashboard user
 * cannot either, unless one exists), so create the next admin key first. A process that has
 * checked the key in the last 5 seconds may still accept it until then.
 */
export const revokeApiKey = async (
  deps: Pick<AuthDeps, 'apiKeys' | 'clock'>,
  id: string,
): Promise<ApiKey> => {
  const key = await deps.apiKeys.findById(id);
  if (!key) throw new DomainError('not_found', 'api_key_not_found', `No API key ${id}`, { id });
  if (key.revokedAt) return key;
  // Locked, so two admins revoking each other at once cannot both pass: the second waits, then
  // counts without the first's key.
  if (
    key.role === 'admin' &&
    (await deps.apiKeys.lockActiveAdmins()).filter((other) => other !== id).length === 0
  ) {
    throw new DomainError(
      'conflict',
      'last_admin_key',
      'This is the last active admin key: create another admin key before revoking it',
      { id },
    );
  }
  const at = deps.clock.now();
  // A concurrent revoke may win the update: its time then stands.
  if (!(await deps.apiKeys.revoke(id, at))) return (await deps.apiKeys.findById(id)) ?? key;
  return { ...key, revokedAt: at };
};

/**
 * Makes sure automation can sign in: a key given in the environment is registered (by hash, so it
 * is never stored in clear); otherwise, if no admin key exists yet, one is generated and returned
 * once so the caller can print it.
 */
export const ensureAdminKey = async (
  deps: AuthDeps,
  configuredSecret: string | undefined,
): Promise<{ generatedSecret: string | null }> => {
  if (configuredSecret) {
    const known = await deps.apiKeys.findByHash(hashApiKey(configuredSecret));
    if (!known)
      await createApiKey(deps, {
        name: 'REGULARS_ADMIN_KEY',
        role: 'admin',
        secret: configuredSecret,
      });
    return { generatedSecret: null };
  }
  if ((await deps.apiKeys.countActiveAdmins()) > 0) return { generatedSecret: null };
  const { secret } = await createApiKey(deps, { name: 'first-start admin', role: 'admin' });
  return { generatedSecret: secret };
};
