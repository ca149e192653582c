import { createHash, randomBytes } from 'node:crypto';

export const ROLES = ['admin', 'pos'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface Principal {
  keyId: string;
  role: Role;
  name: string;
}

export interface ApiKeyRepository {
  insert(key: ApiKey, keyHash: string): Promise<void>;
  findByHash(keyHash: string): Promise<ApiKey | null>;
  findById(id: string): Promise<ApiKey | null>;
  countActiveAdmins(): Promise<number>;
  /** The ids of the active admin keys, locked until the transaction ends. */
  lockActiveAdmins(): Promise<string[]>;
  list(): Promise<ApiKey[]>;
  revoke(id: string, at: Date): Promise<boolean>;
}

/**
 * Keys are 256 random bits, so a fast hash is enough to store them: there is nothing to
 * brute-force that a slow hash would protect. Only the hash is kept.
 */
export const hashApiKey = (secret: string): string =>
  createHash('sha256').update(secret).digest('hex');

export const generateApiKeySecret = (role: Role): string =>
  `rk_${role}_${randomBytes(32).toString('base64url')}`;
