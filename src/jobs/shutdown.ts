/**
 * The two moments of a graceful shutdown, as signals the sweeps and sends watch: `stopping`
 * (claim no more work; finish what is in hand) and `abandon` (the grace has run out: abort what is
 * in flight and give its claims back, so that another process, or the next start, sends it).
 */
export interface ShutdownSignals {
  stopping: AbortSignal;
  abandon: AbortSignal;
}

export interface ShutdownControl {
  signals: ShutdownSignals;
  stop(): void;
  abandon(): void;
}

export const shutdownControl = (): ShutdownControl => {
  const stopping = new AbortController();
  const abandon = new AbortController();
  return {
    signals: { stopping: stopping.signal, abandon: abandon.signal },
    stop: () => stopping.abort(),
    abandon: () => {
      stopping.abort();
      abandon.abort();
    },
  };
};
