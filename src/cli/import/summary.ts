import type { FormatName, ImportSummary, ReturnsSummary } from './import.types.js';
import type { BatchResult } from './write-batch.js';

/** How many line numbers the summary keeps per reason of rejection. */
const LINES_PER_REASON = 5;
/** How many invoice numbers the summary keeps per reason a cancellation was not matched. */
const INVOICES_PER_REASON = 5;

const pushExample = (examples: Map<string, string[]>, key: string, invoice: string) => {
  const list = examples.get(key) ?? [];
  if (list.length < INVOICES_PER_REASON && !list.includes(invoice)) list.push(invoice);
  examples.set(key, list);
};

/** Kept apart from the reasons of unmatched lines (a reason is never empty). */
const REFUSED_KEY = '';

/** Cancellation lines: how many were matched to earlier lines, and why the others were not. */
const returnsTally = () => {
  const unmatched = new Map<string, number>();
  const examples = new Map<string, string[]>();
  const partly = new Map<string, string[]>();
  const counts = {
    linesRead: 0,
    linesMatched: 0,
    linesPartlyMatched: 0,
    quantityUnmatched: 0,
    new: 0,
    alreadyPresent: 0,
    amountMinor: 0,
    pointsReversed: 0,
    refused: 0,
  };
  return {
    counts,
    read: () => {
      counts.linesRead += 1;
    },
    matched: (invoice: string, quantityUnmatched: number) => {
      counts.linesMatched += 1;
      if (quantityUnmatched === 0) return;
      counts.linesPartlyMatched += 1;
      counts.quantityUnmatched += quantityUnmatched;
      pushExample(partly, '', invoice);
    },
    refused: (invoices: string[]) => {
      counts.refused += invoices.length;
      for (const invoice of invoices) pushExample(examples, REFUSED_KEY, invoice);
    },
    unmatched: (reason: string, invoice: string) => {
      unmatched.set(reason, (unmatched.get(reason) ?? 0) + 1);
      pushExample(examples, reason, invoice);
    },
    summary: (): ReturnsSummary => {
      const sorted = [...unmatched.entries()].sort((a, b) => b[1] - a[1]);
      return {
        ...counts,
        unmatched: {
          total: sorted.reduce((sum, [, n]) => sum + n, 0),
          byReason: Object.fromEntries(sorted),
          invoices: Object.fromEntries(sorted.map(([r]) => [r, examples.get(r) ?? []])),
        },
        partlyMatchedInvoices: partly.get('') ?? [],
        refusedInvoices: examples.get(REFUSED_KEY) ?? [],
      };
    },
  };
};

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
  const returns = returnsTally();
  return {
    counts,
    returns,
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
      returns.counts.new += batch.returnsNew;
      returns.counts.alreadyPresent += batch.returnsPresent;
      returns.counts.amountMinor += batch.returnedMinor;
      returns.counts.pointsReversed += batch.pointsReversed;
      returns.refused(batch.returnsRefused);
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
        returns: returns.summary(),
        elapsedSeconds: Math.round((performance.now() - fields.startedMs) / 100) / 10,
      };
    },
  };
};

export type ImportTally = ReturnType<typeof importTally>;

const n = (value: number) => value.toLocaleString('en-GB');

const returnLines = (s: ImportSummary): string[] => {
  const r = s.returns;
  if (r.linesRead === 0) return [];
  const partly =
    r.linesPartlyMatched === 0
      ? []
      : [
          `    ${n(r.linesPartlyMatched).padStart(9)}  of them partly: ${n(r.quantityUnmatched)} item(s) more than bought (${r.partlyMatchedInvoices.join(', ')}${r.linesPartlyMatched > r.partlyMatchedInvoices.length ? ', …' : ''})`,
        ];
  const unmatched = Object.entries(r.unmatched.byReason).map(([reason, count]) => {
    const invoices = r.unmatched.invoices[reason] ?? [];
    const where =
      invoices.length === 0
        ? ''
        : ` (${invoices.join(', ')}${count > invoices.length ? ', …' : ''})`;
    return `    ${n(count).padStart(9)}  ${reason.replace('cancellation not matched: ', '')}${where}`;
  });
  return [
    `  cancelled lines   ${n(r.linesRead)}, matched to earlier orders ${n(r.linesMatched)}:`,
    ...partly,
    `  returns           ${n(r.new)} new, ${n(r.alreadyPresent)} already present, ${(r.amountMinor / 100).toFixed(2)} returned, ${n(r.pointsReversed)} points taken back`,
    ...(r.refused === 0
      ? []
      : [
          `  returns refused   ${n(r.refused)}: the order's lines were returned already by other means (${r.refusedInvoices.join(', ')}${r.refused > r.refusedInvoices.length ? ', …' : ''})`,
        ]),
    `  not matched       ${n(r.unmatched.total)}${unmatched.length > 0 ? ' (rejected below):' : ''}`,
    ...unmatched,
  ];
};

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
    ...returnLines(s),
    `  lines rejected    ${n(s.rejected.total)}${reasons.length > 0 ? ':' : ''}`,
    ...reasons,
    ...(s.stopped
      ? [`  stopped at line   ${n(s.stopped.line)}: the lines after it were not read`]
      : []),
    `  elapsed           ${s.elapsedSeconds} s`,
  ].join('\n');
};
