import { runPool, type HttpClient, type HttpResult } from './bench-server.js';

/**
 * The shop the latency benchmark loads: members with order history and points, member cards, a
 * reward in the catalogue and a batch of single-use coupon codes, all made through the API.
 */

export interface ShopSize {
  members: number;
  ordersPerMember: number;
  /** Members credited with points for the redemption share of the load. */
  redeemers: number;
  /** Members whose card token the member-page share uses. */
  cards: number;
  /** Single-use codes: one per coupon redeem the whole run will send. */
  redeemCodes: number;
  /** Codes kept for validation only, never redeemed, so each validation finds a usable code. */
  validateCodes: number;
}

export interface Shop {
  members: string[];
  redeemers: string[];
  cardTokens: string[];
  redeemCodes: string[];
  validateCodes: string[];
}

const SEED_CONCURRENCY = 16;
const REDEEMER_POINTS = 100_000;
const HISTORY_DAYS = 180;
const CATALOGUE = Array.from({ length: 200 }, (_, i) => ({
  sku: `LAT${String(1_000 + i)}`,
  unitPriceMinor: 100 + ((i * 7_919) % 4_900),
}));

/** The parsed body of an expected answer; anything else stops the seeding with its body. */
const expectStatus = <T>(what: string, result: HttpResult, statuses: number[]): T => {
  if (!statuses.includes(result.status)) {
    throw new Error(`${what} → ${result.status} ${result.text.slice(0, 500)}`);
  }
  return JSON.parse(result.text) as T;
};

/** 1 to 4 lines from the catalogue, as a till would send them. */
export const orderLines = (random: () => number) =>
  Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
    ...CATALOGUE[Math.floor(random() * CATALOGUE.length)]!,
    quantity: 1 + Math.floor(random() * 3),
  }));

export const orderBody = (
  externalId: string,
  customerId: string,
  placedAt: Date,
  random: () => number,
): string =>
  JSON.stringify({
    externalId,
    customerId,
    currency: 'GBP',
    channel: 'pos',
    placedAt: placedAt.toISOString(),
    lines: orderLines(random),
  });

/** A basket for the coupon checkout calls, above any minimum. */
export const basket = (random: () => number) => ({
  currency: 'GBP',
  lines: orderLines(random).map(({ sku, quantity, unitPriceMinor }) => ({
    sku,
    quantity,
    unitPriceMinor,
  })),
});

const createMembers = async (client: HttpClient, count: number, tag: string) => {
  const ids: string[] = new Array<string>(count);
  await runPool(
    Array.from({ length: count }, (_, i) => i),
    SEED_CONCURRENCY,
    async (i) => {
      const body = JSON.stringify({
        firstName: `Member ${i}`,
        externalIds: [{ source: 'latency-bench', id: `${tag}-${i}` }],
      });
      const created = expectStatus<{ id: string }>(
        'POST /v1/customers',
        await client.post('/v1/customers', body, { 'idempotency-key': `seed-cus-${tag}-${i}` }),
        [201],
      );
      ids[i] = created.id;
    },
  );
  return ids;
};

/** Past orders, spread over half a year: most are past the return window, so their points post. */
const seedHistory = async (
  client: HttpClient,
  members: string[],
  perMember: number,
  tag: string,
  random: () => number,
) => {
  const jobs = members.flatMap((id) => Array.from({ length: perMember }, () => id));
  const now = Date.now();
  await runPool(jobs, SEED_CONCURRENCY, async (customerId, i) => {
    const placedAt = new Date(now - (1 + random() * HISTORY_DAYS) * 86_400_000);
    const externalId = `seed-${tag}-${i}`;
    expectStatus(
      'POST /v1/orders',
      await client.post('/v1/orders', orderBody(externalId, customerId, placedAt, random), {
        'idempotency-key': externalId,
      }),
      [201],
    );
  });
};

const creditRedeemers = (client: HttpClient, redeemers: string[], tag: string) =>
  runPool(redeemers, SEED_CONCURRENCY, async (id) => {
    const body = JSON.stringify({ points: REDEEMER_POINTS, reason: 'latency bench seed' });
    expectStatus(
      'POST /v1/customers/{id}/points/adjust',
      await client.post(`/v1/customers/${id}/points/adjust`, body, {
        'idempotency-key': `seed-adj-${tag}-${id}`,
      }),
      [201],
    );
  });

const cardTokens = async (client: HttpClient, members: string[]) => {
  const tokens: string[] = new Array<string>(members.length);
  await runPool(members, SEED_CONCURRENCY, async (id, i) => {
    const card = expectStatus<{ token: string }>(
      'GET /v1/customers/{id}/card',
      await client.get(`/v1/customers/${id}/card`),
      [200],
    );
    tokens[i] = card.token;
  });
  return tokens;
};

/** A reward for the member page's catalogue, and the batch of single-use codes. */
const seedRewards = async (client: HttpClient, codes: number, tag: string) => {
  const reward = JSON.stringify({
    name: `Latency bench 10% off ${tag}`,
    kind: 'percent_discount',
    value: 10,
    pointsCost: 500,
  });
  expectStatus('POST /v1/rewards', await client.post('/v1/rewards', reward), [201]);
  const batchBody = JSON.stringify({
    name: `Latency bench ${tag}`,
    count: codes,
    discount: { kind: 'percent_discount', value: 10 },
  });
  const batch = expectStatus<{ id: string }>(
    'POST /v1/coupon-batches',
    await client.post('/v1/coupon-batches', batchBody),
    [201],
  );
  const exported = expectStatus<{ codes: { code: string }[] }>(
    'GET /v1/coupon-batches/{id}/codes',
    await client.get(`/v1/coupon-batches/${batch.id}/codes?format=json`),
    [200],
  );
  return exported.codes.map((c) => c.code);
};

export const seedShop = async (
  client: HttpClient,
  size: ShopSize,
  random: () => number,
  log: (line: string) => void,
): Promise<Shop> => {
  const tag = Date.now().toString(36);
  const step = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    log(`  seeded ${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
  const members = await step(`${size.members} members`, () =>
    createMembers(client, size.members, tag),
  );
  await step(`${size.members * size.ordersPerMember} past orders`, () =>
    seedHistory(client, members, size.ordersPerMember, tag, random),
  );
  const redeemers = members.slice(0, size.redeemers);
  await step(`${redeemers.length} members' points`, () => creditRedeemers(client, redeemers, tag));
  const tokens = await step(`${size.cards} member cards`, () =>
    cardTokens(client, members.slice(-size.cards)),
  );
  const codes = await step(
    `a reward and ${size.redeemCodes + size.validateCodes} coupon codes`,
    () => seedRewards(client, size.redeemCodes + size.validateCodes, tag),
  );
  return {
    members,
    redeemers,
    cardTokens: tokens,
    redeemCodes: codes.slice(0, size.redeemCodes),
    validateCodes: codes.slice(size.redeemCodes),
  };
};
