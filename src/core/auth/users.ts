import { z } from 'zod';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { ROLES, type Role } from './auth.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';

/** A person who signs in to the dashboard (machines use API keys). */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
}

export interface UserRepository {
  /** False when the e-mail (ignoring case) is taken. */
  insert(user: User, passwordHash: string): Promise<boolean>;
  findByEmail(email: string): Promise<{ user: User; passwordHash: string } | null>;
  list(): Promise<User[]>;
  disable(id: string, at: Date): Promise<User | null>;
}

export const NewUserSchema = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(200),
  role: z.enum(ROLES).default('admin'),
});
export type NewUser = z.input<typeof NewUserSchema>;

export const createUser = async (
  deps: { users: UserRepository; clock: Clock },
  input: NewUser,
): Promise<User> => {
  const valid = NewUserSchema.parse(input);
  const user: User = {
    id: newId('user'),
    email: valid.email.toLowerCase(),
    name: valid.name,
    role: valid.role,
    createdAt: deps.clock.now(),
    disabledAt: null,
  };
  if (!(await deps.users.insert(user, await hashPassword(valid.password)))) {
    throw new DomainError(
      'conflict',
      'user_exists',
      `A user with e-mail ${user.email} exists`,
      {},
      [{ path: 'email', message: 'is already taken' }],
    );
  }
  return user;
};

export const disableUser = async (
  deps: { users: UserRepository; clock: Clock },
  id: string,
): Promise<User> => {
  const user = await deps.users.disable(id, deps.clock.now());
  if (!user) throw new DomainError('not_found', 'user_not_found', `No user ${id}`);
  return user;
};
