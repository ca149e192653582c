import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerClvCommand } from '../../src/cli/clv/clv.command.js';
import { runCli } from './run-cli.js';

/** Runs `regulars clv fit …` in process: what it printed, or the exit code it failed with. */
export const runClvFit = async (args: string[]) => {
  const { stdout, stderr, exitCode } = await runCli(['clv', 'fit', ...args], (program, out) =>
    registerClvCommand(program, { out }),
  );
  return { exitCode, out: stdout, err: stderr };
};

/** Files written into one temporary folder, removed by `remove()` (call it in afterAll). */
export const tempFiles = () => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-clv-'));
  return {
    write: (name: string, content: string) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
};

/**
 * CSV rows (no header) of 300 customers buying through 2024 as BG/NBD assumes: each at a Poisson
 * rate of its own, each dropping out after a purchase with a probability of its own. Seeded, so
 * every run fits the same, well-identified model.
 */
export const simulatedPurchaseRows = (withAmount: boolean): string[] => {
  let seed = 20_240_101;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) + 0.5) / 2 ** 31;
  const exponential = (mean: number) => -Math.log(random()) * mean;
  const rows: string[] = [];
  for (let c = 1; c <= 300; c++) {
    const weeklyRate = exponential(0.4);
    const dropout = 1 - random() ** (1 / 3);
    const meanSpend = 10 + exponential(20);
    let day = Math.floor(random() * 90);
    for (;;) {
      const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
      if (date > '2024-12-31') break;
      const amount = (meanSpend * (0.5 + random())).toFixed(2);
      rows.push(withAmount ? `r${c},${date},${amount}` : `r${c},${date}`);
      if (random() < dropout) break;
      day += 1 + Math.floor(exponential(7 / weeklyRate));
    }
  }
  return rows;
};
