import { readFileSync } from 'node:fs';

/** Busy and total jiffies (1/100 s) of the whole machine over every core, from /proc/stat. */
export interface MachineJiffies {
  busy: number;
  total: number;
}

/** Null where there is no /proc (not Linux): the benchmarks then leave the figure out. */
export const machineJiffies = (): MachineJiffies | null => {
  try {
    const values = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    // idle and iowait are the 4th and 5th fields: everything else kept a core busy.
    return { busy: total - (values[3] ?? 0) - (values[4] ?? 0), total };
  } catch {
    return null;
  }
};
