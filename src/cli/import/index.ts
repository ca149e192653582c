// The importer's public surface, for the CLI, the server's demo loader, tests and benchmarks.
export {
  importOrders,
  ingestDrafts,
  type ImportDeps,
  type ImportOptions,
} from './import-orders.js';
export type { WriteOptions } from './batch-writer.js';
export { registerImportCommand, runWithDatabase, type OpenDatabase } from './import.command.js';
export { ImportSetupError } from './format.js';
export { ImportStoppedError } from './import-stopped.js';
export {
  FORMAT_NAMES,
  type FormatName,
  type ImportSummary,
  type OrderDraft,
} from './import.types.js';
export {
  barProgress,
  logProgress,
  silentProgress,
  terminalProgress,
  type ProgressSink,
} from './progress.js';
export { formatSummary } from './summary.js';
export { WRITE_MODES, type WriteMode } from './batch-unit.js';
