import { Command, CommanderError } from 'commander';
import { vi } from 'vitest';

/**
 * Runs `regulars …` in process: a fresh commander program, given to `register` to add the
 * commands under test, whose exits become exit codes. What the commands print, through commander,
 * through `out` or straight to process.stdout/stderr (progress bars, tables), is captured.
 */
export const runCli = async (
  args: string[],
  register: (program: Command, out: (text: string) => void) => void,
) => {
  let stdout = '';
  let stderr = '';
  const captureOut = vi.spyOn(process.stdout, 'write').mockImplementation((chunk, ...rest) => {
    stdout += String(chunk);
    (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
    return true;
  });
  const captureErr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const program = new Command().exitOverride().configureOutput({
    writeOut: (s) => (stdout += s),
    writeErr: (s) => (stderr += s),
  });
  register(program, (s) => (stdout += s));
  let exitCode = 0;
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    exitCode = error.exitCode;
  } finally {
    captureOut.mockRestore();
    captureErr.mockRestore();
  }
  return { stdout, stderr, exitCode };
};
