import { describe, expect, it } from 'vitest';
import type { HttpResult } from './bench-server.js';
import { runOpenLoop, type Operation, type Send } from './latency-load.js';

const ok: HttpResult = { status: 200, text: '{}' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A server that answers one request at a time, each after `serviceMs`. */
const oneAtATime = (serviceMs: number): Send => {
  let queue: Promise<unknown> = Promise.resolve();
  return () => {
    const answer = queue.then(() => sleep(serviceMs)).then(() => ok);
    queue = answer;
    return answer;
  };
};

describe('the open-loop driver', () => {
  it('counts the time a request waits behind earlier ones (no coordinated omission)', async () => {
    // Five requests due at once at a server that serves one per 40 ms: the last waits ~200 ms,
    // though the server spends only 40 ms on it.
    const ops: Operation[] = Array.from({ length: 5 }, () => 'pointsRead');
    const run = await runOpenLoop([0, 0, 0, 0, 0], ops, 1, oneAtATime(40));
    const latency = run.operations.pointsRead.latency;
    expect(latency.count).toBe(5);
    expect(latency.maxMs).toBeGreaterThanOrEqual(195);
    expect(latency.p50Ms).toBeGreaterThanOrEqual(115);
    expect(run.maxInFlight).toBe(5);
    expect(run.operations.order.latency.count).toBe(0);
  });

  it('reports a generator that falls behind, and charges its delay to the latency', async () => {
    // Each send holds the event loop 30 ms, so requests due every 10 ms go out ever later.
    const hog: Send = async () => {
      const until = performance.now() + 30;
      while (performance.now() < until) {
        // busy: the generator has no CPU to spare
      }
      return ok;
    };
    const ops: Operation[] = Array.from({ length: 5 }, () => 'order');
    const run = await runOpenLoop([0, 10, 20, 30, 40], ops, 1, hog);
    expect(run.lagMs.maxMs).toBeGreaterThanOrEqual(15);
    // 150 ms of sends in all: the last, due at 40 ms, is done no sooner than 150 ms.
    expect(run.operations.order.latency.maxMs).toBeGreaterThanOrEqual(105);
  });

  it('sends on schedule without waiting for answers', async () => {
    const sentAt: number[] = [];
    const started = performance.now();
    const slow: Send = async () => {
      sentAt.push(performance.now() - started);
      await sleep(300);
      return ok;
    };
    const run = await runOpenLoop([0, 100, 200], ['order', 'order', 'order'], 1, slow);
    // Each was sent before the one before it was answered (300 ms later).
    expect(sentAt[1]! - sentAt[0]!).toBeLessThan(250);
    expect(sentAt[2]! - sentAt[1]!).toBeLessThan(250);
    expect(sentAt[2]! - sentAt[0]!).toBeGreaterThanOrEqual(195);
    expect(run.maxInFlight).toBe(3);
    expect(run.lagMs.count).toBe(3);
  });

  it('counts non-2xx answers and failed requests as errors, keeping their bodies', async () => {
    const send: Send = async (operation) => {
      if (operation === 'couponRedeem') return { status: 409, text: '{"code":"coupon_used_up"}' };
      if (operation === 'memberPage') throw new Error('socket hang up');
      return { status: 201, text: '{}' };
    };
    const ops: Operation[] = ['order', 'couponRedeem', 'memberPage', 'order'];
    const run = await runOpenLoop([0, 1, 2, 3], ops, 1, send);
    expect(run.operations.order.errors).toBe(0);
    expect(run.operations.couponRedeem.errors).toBe(1);
    expect(run.operations.memberPage.errors).toBe(1);
    expect(run.errorSamples).toEqual([
      'POST /v1/coupons/redeem → 409 {"code":"coupon_used_up"}',
      'GET /m/api/{token} → no answer: socket hang up',
    ]);
    // Answered means 2xx: 2 of 4 over the 1 s window.
    expect(run.answeredPerSecond).toBeCloseTo(2, 0);
  });
});
