/** Several react-query results as one, for <Loaded>: pending until all are, the first error wins. */
interface QueryLike<T> {
  isPending: boolean;
  error: unknown;
  data: T | undefined;
}

export function combine<A, B>(a: QueryLike<A>, b: QueryLike<B>): QueryLike<[A, B]>;
export function combine<A, B, C>(
  a: QueryLike<A>,
  b: QueryLike<B>,
  c: QueryLike<C>,
): QueryLike<[A, B, C]>;
export function combine(...queries: QueryLike<unknown>[]): QueryLike<unknown[]> {
  const error = queries.find((q) => q.error)?.error ?? null;
  const ready = queries.every((q) => q.data !== undefined);
  return {
    isPending: queries.some((q) => q.isPending),
    error,
    data: ready ? queries.map((q) => q.data) : undefined,
  };
}
