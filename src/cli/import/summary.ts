import type { FormatName, ImportSummary } from './import.types.js';
import type { BatchResult } from './write-batch.js';

/** How many line numbers the summary keeps per reason of rejection. */
const LINES_PER_REASON = 5;

/** Running counts of one import; `linesRead` always equals `linesTaken` plus every rejection. */
export const importTally = () => {
  const rejected = new Map<string, number>();
  const firstLines = new Map<string, number[]>();
  const counts = {
    linesRead: 0,
    linesTaken: 0,
    ordersNew: 0,
    ordersPresent: 0,
    customersCreated: 0,
    pointsEarned: 0,
  };
  return {
    counts,
    reject: (reason: string, count = 1, line?: number) => {
      rejected.set(reason, (rejected.get(reason) ?? 0) + count);
      const lines = firstLines.get(reason) ?? [];
      if (line !== undefined && lines.length < LINES_PER_REASON) lines.push(line);
      firstLines.set(reason, lines);
    },
    /** Lines read but neither taken nor rejected yet. */
    unaccounted: () =>
      counts.linesRead - counts.linesTaken - [...rejected.values()].reduce((a, b) => a + b, 0),
    addBatch: (batch: BatchResult, lines: number) => {
      counts.linesTaken += lines;
      counts.ordersNew += batch.ordersNew;
      counts.ordersPresent += batch.ordersPresent;
      counts.customersCreated += batch.customersCreated;
      counts.pointsEarned += batch.pointsEarned;
    },
    summary: (fields: {
      format: FormatName | 'synthetic';
      file: string | null;
      truncated: boolean;
      dryRun: boolean;
      startedMs: number;
      stopped?: { line: number; problem: string } | null;
    }): ImportSummary => {
      const sorted = [...rejected.entries()].sort((a, b) => b[1] - a[1]);
      const byReason = Object.fromEntries(sorted);
      return {
        format: fields.format,
        file: fields.file,
        linesRead: counts.linesRead,
        truncated: fields.truncated,
        dryRun: fields.dryRun,
        linesTaken: counts.linesTaken,
        orders: { new: counts.ordersNew, alreadyPresent: counts.ordersPresent },
        customersCreated: counts.customersCreated,
        rejected: {
          total: [...rejected.values()].reduce((a, b) => a + b, 0),
          byReason,
          firstLines: Object.fromEntries(
            sorted.map(([reason]) => [reason, firstLines.get(reason) ?? []]),
          ),
        },
        stopped: fields.stopped ?? null,
        pointsEarned: counts.pointsEarned,
        elapsedSeconds: Math.round((performance.now() - fields.startedMs) / 100) / 10,
      };
    },
  };
};

export type ImportTally = ReturnType<typeof importTally>;

const n = (value: number) => value.toLocaleString('en-GB');

/** The summary for people: what was read, taken and rejected, and why. */
export const formatSummary = (s: ImportSummary): string => {
  const reasons = Object.entries(s.rejected.byReason).map(([reason, count]) => {
    const lines = s.rejected.firstLines[reason] ?? [];
    const where =
      lines.length === 0
        ? ''
        : ` (line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}${count > lines.length ? ', …' : ''})`;
    return `    ${n(count).padStart(9)}  ${reason}${where}`;
  });
  return [
    `${s.dryRun ? 'Checked (dry run, nothing written)' : 'Imported'} ${s.file ?? s.format} (${s.format})${s.truncated ? ', stopped at the line limit' : ''}${s.stopped ? `, up to line ${n(s.stopped.line)} where the file broke off` : ''}`,
    `  lines read        ${n(s.linesRead)}`,
    `  lines taken       ${n(s.linesTaken)}`,
    `  orders            ${n(s.orders.new)} new, ${n(s.orders.alreadyPresent)} already present`,
    `  customers created ${n(s.customersCreated)}`,
    `  points earned     ${n(s.pointsEarned)}`,
    `  lines rejected    ${n(s.rejected.total)}${reasons.length > 0 ? ':' : ''}`,
    ...reasons,
    ...(s.stopped
      ? [`  stopped at line   ${n(s.stopped.line)}: the lines after it were not read`]
      : []),
    `  elapsed           ${s.elapsedSeconds} s`,
  ].join('\n');
};
