import { DomainError } from '../shared/errors.js';
import type { ListPosition } from './customers.js';

/**
 * The cursor of a sorted customer list: the last row's sort value and id, so the next page starts
 * after it even when customers join or move in between (keyset paging, no offsets). Opaque to
 * clients: base64url of a JSON pair. A list sorted by id keeps the plain id as its cursor.
 */
export const encodeListCursor = (position: ListPosition): string =>
  Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');

export const badCursor = () =>
  new DomainError('invalid', 'invalid_cursor', 'The cursor does not come from this list', {}, [
    { path: 'cursor', message: 'not a cursor of this list: pass nextCursor back unchanged' },
  ]);

export const decodeListCursor = (cursor: string): ListPosition => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !(typeof parsed[0] === 'string' || Number.isSafeInteger(parsed[0])) ||
    typeof parsed[1] !== 'string'
  ) {
    throw badCursor();
  }
  return { value: parsed[0] as string | number, id: parsed[1] };
};
