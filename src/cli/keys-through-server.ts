import type { Role } from '../core/auth/auth.js';
import type { DataDirOwner } from '../db/data-dir-lock.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Only a server on this machine gets the admin key: the URL comes from a file in the data dir. */
export const loopbackUrl = (owner: DataDirOwner): string | null => {
  if (!owner.url) return null;
  try {
    const url = new URL(owner.url);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) ? url.origin : null;
  } catch {
    return null;
  }
};

/**
 * `keys:create` while the server owns the embedded database: the key is created by the server,
 * through its API with the admin key, so the server knows it at once. Returns the line to print,
 * as the local command prints it; throws with the server's answer when it refuses.
 */
export const createKeyThroughServer = async (
  url: string,
  adminKey: string,
  input: { name: string; role: Role },
): Promise<string> => {
  const res = await fetch(`${url}/v1/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => null)) as {
    id?: string;
    role?: string;
    secret?: string;
    detail?: string;
  } | null;
  if (res.status !== 201 || !body?.id || !body.secret) {
    throw new Error(
      `the server at ${url} refused to create the key: ${res.status} ${body?.detail ?? res.statusText}` +
        (res.status === 401 ? ' (is REGULARS_ADMIN_KEY the server’s admin key?)' : ''),
    );
  }
  return `${body.id} (${body.role}): ${body.secret}\n`;
};

/** An API key as `GET /v1/api-keys` and `keys:list` show it: never its secret or hash. */
export interface KeyListing {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  revokedAt: string | null;
}

const askServer = async (
  url: string,
  adminKey: string,
  method: 'GET' | 'POST',
  path: string,
  what: string,
): Promise<unknown> => {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}` },
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => null)) as { detail?: string } | null;
  if (res.status !== 200) {
    throw new Error(
      `the server at ${url} refused to ${what}: ${res.status} ${body?.detail ?? res.statusText}` +
        (res.status === 401 ? ' (is REGULARS_ADMIN_KEY the server’s admin key?)' : ''),
    );
  }
  return body;
};

/** `keys:list` while the server owns the embedded database: the server lists them. */
export const listKeysThroughServer = async (url: string, adminKey: string) =>
  (
    (await askServer(url, adminKey, 'GET', '/v1/api-keys', 'list the keys')) as {
      items: KeyListing[];
    }
  ).items;

/** `keys:revoke` while the server owns the embedded database: the server revokes it (and forgets it at once). */
export const revokeKeyThroughServer = async (url: string, adminKey: string, id: string) =>
  (await askServer(
    url,
    adminKey,
    'POST',
    `/v1/api-keys/${encodeURIComponent(id)}/revoke`,
    `revoke ${id}`,
  )) as KeyListing;
