import type { ImportSummary } from './import.types.js';

/**
 * The import stopped part-way: the file broke off (a quote never closed, a NUL byte, a wrong
 * number of columns, a cut-off .gz) or a batch failed to commit. The orders before that point
 * are committed and counted in `summary`; the order open at the stop is left out whole. Running
 * the same import again, once the file is fixed, skips what is there and adds the rest.
 */
export class ImportStoppedError extends Error {
  constructor(readonly summary: ImportSummary) {
    const stopped = summary.stopped;
    super(
      `${summary.file ?? summary.format} ${stopped?.problem ?? 'stopped'}. The import stopped there: ` +
        (summary.dryRun
          ? 'nothing was written (dry run); fix the file and check it again.'
          : `${summary.orders.new} new order(s) committed from the lines before it` +
            `${summary.orders.alreadyPresent > 0 ? ` (${summary.orders.alreadyPresent} already present)` : ''}; ` +
            'fix the file and run the same import again (orders already imported are skipped).'),
    );
    this.name = 'ImportStoppedError';
  }
}
