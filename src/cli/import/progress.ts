import cliProgress from 'cli-progress';

export interface ProgressState {
  bytesRead: number;
  linesRead: number;
  ordersWritten: number;
}

/** Where an import reports how far it has got. */
export interface ProgressSink {
  start(totalBytes: number): void;
  update(state: ProgressState): void;
  stop(): void;
}

export const silentProgress: ProgressSink = { start: () => {}, update: () => {}, stop: () => {} };

const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(1);

/** A bar on a terminal, redrawn at most 10 times a second. */
export const barProgress = (stream: NodeJS.WritableStream): ProgressSink => {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      fps: 10,
      hideCursor: true,
      format:
        'import [{bar}] {percentage}% | {read}/{size} MB | {lines} lines | {orders} orders | eta {eta_formatted}',
    },
    cliProgress.Presets.shades_classic,
  );
  let size = '0';
  return {
    start: (totalBytes) => {
      size = megabytes(totalBytes);
      bar.start(totalBytes, 0, { read: '0.0', size, lines: 0, orders: 0 });
    },
    update: (s) =>
      bar.update(s.bytesRead, {
        read: megabytes(s.bytesRead),
        size,
        lines: s.linesRead,
        orders: s.ordersWritten,
      }),
    stop: () => bar.stop(),
  };
};

/** One line every `intervalMs` where a bar would only garble the output (logs, CI, pipes). */
export const logProgress = (write: (line: string) => void, intervalMs = 5_000): ProgressSink => {
  let total = 0;
  let last = 0;
  return {
    start: (totalBytes) => {
      total = totalBytes;
      last = Date.now();
    },
    update: (s) => {
      if (Date.now() - last < intervalMs) return;
      last = Date.now();
      const percent = total > 0 ? Math.floor((100 * s.bytesRead) / total) : 0;
      write(
        `import: ${percent}% of ${megabytes(total)} MB, ${s.linesRead} lines read, ${s.ordersWritten} orders written`,
      );
    },
    stop: () => {},
  };
};

/** A bar when the stream is a terminal, else a line every few seconds. */
export const terminalProgress = (stream: NodeJS.WriteStream): ProgressSink =>
  stream.isTTY ? barProgress(stream) : logProgress((line) => stream.write(`${line}\n`));
