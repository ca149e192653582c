/**
 * Locks the rows of several customers one customer at a time, in customer id order. Citus takes
 * `FOR UPDATE` only on a query it can route to one shard, so a lock over a list of customers is
 * refused there; one statement per customer is valid on every database. The single order keeps
 * two transactions that lock some of the same customers queueing instead of deadlocking.
 */
export const lockByCustomer = async <Row>(
  customerIds: readonly string[],
  lockOne: (customerId: string) => Promise<Row[]>,
): Promise<Row[]> => {
  const rows: Row[] = [];
  for (const customerId of [...new Set(customerIds)].sort())
    rows.push(...(await lockOne(customerId)));
  return rows;
};
