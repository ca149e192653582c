import { machineJiffies, type MachineJiffies } from './machine-cpu.js';
import type { HttpClient, HttpResult } from './bench-server.js';
import { basket, orderBody, type Shop } from './latency-shop.js';
import { summariseLatencies, type LatencySummary, type MixEntry } from './open-loop.js';

/**
 * The mixed load of the latency benchmark: what each operation sends, and the open-loop driver
 * that sends each request at its scheduled time whether or not earlier ones have answered.
 */

export const OPERATIONS = [
  'order',
  'pointsRead',
  'couponValidate',
  'couponRedeem',
  'memberPage',
  'pointsRedeem',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export const OPERATION_LABELS: Record<Operation, string> = {
  order: 'POST /v1/orders',
  pointsRead: 'GET /v1/customers/{id}/points',
  couponValidate: 'POST /v1/coupons/validate',
  couponRedeem: 'POST /v1/coupons/redeem',
  memberPage: 'GET /m/api/{token}',
  pointsRedeem: 'POST /v1/customers/{id}/points/redeem',
};

/** Shares of arrivals (issue 17): checkout writes dominate, reads and redemptions follow. */
export const MIX: MixEntry<Operation>[] = [
  { operation: 'order', share: 0.6 },
  { operation: 'pointsRead', share: 0.2 },
  { operation: 'couponValidate', share: 0.05 },
  { operation: 'couponRedeem', share: 0.05 },
  { operation: 'memberPage', share: 0.05 },
  { operation: 'pointsRedeem', share: 0.05 },
];

const REDEEM_POINTS = 5;

export type Send = (operation: Operation, index: number) => Promise<HttpResult>;

/**
 * Senders over the seeded shop, one per run (`runId` must differ between runs). Each coupon
 * redeem takes the next code no run has used, each order and redemption a fresh key, so no
 * request is an idempotent replay or meets a spent code.
 */
export const shopSenders = (
  client: HttpClient,
  shop: Shop,
  random: () => number,
): ((runId: string) => Send) => {
  let nextCode = 0;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const json = (value: unknown) => JSON.stringify(value);
  return (runId) => (operation, index) => {
    const key = `lat-${runId}-${index}`;
    switch (operation) {
      case 'order':
        return client.post('/v1/orders', orderBody(key, pick(shop.members), new Date(), random), {
          'idempotency-key': key,
        });
      case 'pointsRead':
        return client.get(`/v1/customers/${pick(shop.members)}/points`);
      case 'couponValidate':
        return client.post(
          '/v1/coupons/validate',
          json({ code: pick(shop.validateCodes), basket: basket(random) }),
        );
      case 'couponRedeem': {
        const code = shop.redeemCodes[nextCode++];
        if (code === undefined) throw new Error('out of single-use coupon codes');
        const body = { code, orderExternalId: key, customerId: pick(shop.members) };
        return client.post('/v1/coupons/redeem', json({ ...body, basket: basket(random) }), {
          'idempotency-key': key,
        });
      }
      case 'memberPage':
        return client.get(`/m/api/${encodeURIComponent(pick(shop.cardTokens))}`);
      case 'pointsRedeem':
        return client.post(
          `/v1/customers/${pick(shop.redeemers)}/points/redeem`,
          json({ points: REDEEM_POINTS, reason: 'latency bench' }),
          { 'idempotency-key': key },
        );
    }
  };
};

export interface OperationFigures {
  latency: LatencySummary;
  errors: number;
}

export interface OpenLoopRun {
  arrivals: number;
  /** Arrivals over the scheduled window: the rate asked for, as drawn. */
  offeredPerSecond: number;
  /**
   * 2xx answers per second over the scheduled window, or until the last answer when that came
   * later: equal to the offered rate when the server keeps up, below it when it falls behind.
   */
  answeredPerSecond: number;
  wallSeconds: number;
  /** How late the generator sent each request after its scheduled time. */
  lagMs: LatencySummary;
  maxInFlight: number;
  /** CPU the generator process used, as a share of one core over the run. */
  generatorCpuPercent: number;
  /** Share of all cores busy over the run, every process on the machine (other users') included. */
  machineBusyPercent: number | null;
  operations: Record<Operation, OperationFigures>;
  errorSamples: string[];
}

const ERROR_SAMPLES = 5;
const START_DELAY_MS = 20;

const busyPercent = (before: MachineJiffies | null, after: MachineJiffies | null) =>
  before && after && after.total > before.total
    ? Math.round((1000 * (after.busy - before.busy)) / (after.total - before.total)) / 10
    : null;

const sleepUntil = (instant: number) =>
  new Promise<void>((resolveSleep) =>
    // Timers fire in whole milliseconds; a send up to a millisecond late shows in the lag.
    setTimeout(resolveSleep, Math.max(1, Math.floor(instant - performance.now()))),
  );

const perOperation = <T>(make: () => T) =>
  Object.fromEntries(OPERATIONS.map((op) => [op, make()])) as Record<Operation, T>;

/**
 * Sends request i at start + schedule[i] ms, never waiting for answers, and times each from its
 * scheduled instant to its last byte, so time queued anywhere (the generator included) counts.
 */
export const runOpenLoop = async (
  schedule: readonly number[],
  operations: readonly Operation[],
  seconds: number,
  send: Send,
): Promise<OpenLoopRun> => {
  const latencies = perOperation<number[]>(() => []);
  const errors = perOperation(() => 0);
  const lags: number[] = [];
  const errorSamples: string[] = [];
  const pending: Promise<void>[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let answered = 0;
  const fail = (operation: Operation, message: string) => {
    errors[operation] += 1;
    if (errorSamples.length < ERROR_SAMPLES)
      errorSamples.push(`${OPERATION_LABELS[operation]} → ${message}`);
  };
  const fire = (index: number, due: number) => {
    const operation = operations[index]!;
    lags.push(performance.now() - due);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const request = Promise.resolve()
      .then(() => send(operation, index))
      .then(
        (result) => {
          if (result.status >= 200 && result.status < 300) answered += 1;
          else fail(operation, `${result.status} ${result.text.slice(0, 300)}`);
        },
        (error: unknown) => fail(operation, `no answer: ${(error as Error).message}`),
      )
      .finally(() => {
        latencies[operation].push(performance.now() - due);
        inFlight -= 1;
      });
    pending.push(request);
  };
  const cpuBefore = process.cpuUsage();
  const machineBefore = machineJiffies();
  const start = performance.now() + START_DELAY_MS;
  for (let next = 0; next < schedule.length;) {
    const now = performance.now();
    for (; next < schedule.length && start + schedule[next]! <= now; next += 1) {
      fire(next, start + schedule[next]!);
    }
    if (next < schedule.length) await sleepUntil(start + schedule[next]!);
  }
  await Promise.all(pending);
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const machineBusy = busyPercent(machineBefore, machineJiffies());
  return {
    arrivals: schedule.length,
    offeredPerSecond: Math.round((schedule.length / seconds) * 10) / 10,
    answeredPerSecond: Math.round((answered / Math.max(wallMs, seconds * 1000)) * 10_000) / 10,
    wallSeconds: Math.round(wallMs / 100) / 10,
    lagMs: summariseLatencies(lags),
    maxInFlight,
    machineBusyPercent: machineBusy,
    generatorCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 1000) / 10,
    operations: Object.fromEntries(
      OPERATIONS.map((op) => [
        op,
        { latency: summariseLatencies(latencies[op]), errors: errors[op] },
      ]),
    ) as Record<Operation, OperationFigures>,
    errorSamples,
  };
};

export interface ClosedLoopRun {
  orders: number;
  errors: number;
  seconds: number;
  ordersPerSecond: number;
  latency: LatencySummary;
  errorSamples: string[];
}

/**
 * Maximal sustained order ingestion: `concurrency` clients each send the next order as soon as
 * the last one is answered, for `seconds`. Only here is waiting for the answer the point.
 */
export const runClosedLoopOrders = async (
  send: Send,
  concurrency: number,
  seconds: number,
): Promise<ClosedLoopRun> => {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let index = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      const result = await send('order', index++).catch((error: unknown) => ({
        status: 0,
        text: (error as Error).message,
      }));
      latencies.push(performance.now() - sent);
      if (result.status !== 201) {
        errors += 1;
        if (errorSamples.length < ERROR_SAMPLES)
          errorSamples.push(`${result.status} ${result.text.slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = (performance.now() - start) / 1000;
  const ok = latencies.length - errors;
  return {
    orders: latencies.length,
    errors,
    seconds: Math.round(elapsed * 100) / 100,
    ordersPerSecond: Math.round((ok / elapsed) * 10) / 10,
    latency: summariseLatencies(latencies),
    errorSamples,
  };
};
