/** How many line numbers the report keeps per reason: enough to find the pattern in the file. */
const LINES_PER_REASON = 5;

/** Rows of an input file left out, by reason, with the lines of the first few of each. */
export interface SkippedRows {
  total: number;
  byReason: Record<string, number>;
  firstLines: Record<string, number[]>;
}

/**
 * Counts the rows a reader leaves out, so that a file with a few bad rows still fits and the
 * report says what was dropped and where (as the order import's summary does).
 */
export const skippedRowsTally = () => {
  const counts = new Map<string, number>();
  const lines = new Map<string, number[]>();
  return {
    skip: (reason: string, line: number) => {
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
      const first = lines.get(reason) ?? [];
      if (first.length < LINES_PER_REASON) first.push(line);
      lines.set(reason, first);
    },
    summary: (): SkippedRows => {
      const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
      return {
        total: sorted.reduce((sum, [, count]) => sum + count, 0),
        byReason: Object.fromEntries(sorted),
        firstLines: Object.fromEntries(sorted.map(([reason]) => [reason, lines.get(reason)!])),
      };
    },
  };
};

/** "3710 rows left out: no customer id 3710 (lines 48, 51, …)", or '' when none were. */
export const describeSkippedRows = (skipped: SkippedRows): string => {
  if (skipped.total === 0) return '';
  const reasons = Object.entries(skipped.byReason).map(([reason, count]) => {
    const first = skipped.firstLines[reason] ?? [];
    const more = count > first.length ? ', …' : '';
    return `${reason} ${count} (line${first.length > 1 ? 's' : ''} ${first.join(', ')}${more})`;
  });
  return `${skipped.total} row${skipped.total === 1 ? '' : 's'} left out: ${reasons.join('; ')}`;
};
