import type { OrderChannel } from '../core/orders/orders.js';
import { MS_PER_DAY } from '../core/shared/clock.js';
import type { LineDraft, OrderDraft } from './import/import.types.js';

/**
 * A generated shop for demos without the real data: seeded, so every run makes the same customers
 * and orders (dated relative to `end`). Customers arrive over the year, buy at their own rate and
 * drop out after some purchase, in the manner of the BG/NBD model; baskets are mostly small with a
 * long tail; a few products sell far more than the rest.
 */
export interface SyntheticShopOptions {
  end: Date;
  customers?: number;
  months?: number;
  seed?: number;
}

/** A Weyl sequence through the murmur3 finaliser: small, fast, and good enough for demo data. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4_294_967_296;
  };
};

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;
const exponential = (random: Random, mean: number) => -Math.log(1 - random()) * mean;

/** Gamma(shape, 1) by Marsaglia and Tsang, boosted for shape < 1. */
const gamma = (random: Random, shape: number): number => {
  if (shape < 1) return gamma(random, shape + 1) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const u1 = random() || Number.MIN_VALUE;
    const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random());
    const v = (1 + c * normal) ** 3;
    if (
      v > 0 &&
      Math.log(random() || Number.MIN_VALUE) < normal ** 2 / 2 + d - d * v + d * Math.log(v)
    )
      return d * v;
  }
};

const CATEGORIES = [
  {
    code: 'KIT',
    name: 'kitchen',
    pence: [250, 2500],
    nouns: ['Mug', 'Teapot', 'Cake Tin', 'Apron', 'Jug', 'Tea Towel'],
  },
  {
    code: 'HOM',
    name: 'home',
    pence: [400, 6000],
    nouns: ['Cushion', 'Lantern', 'Clock', 'Doormat', 'Vase', 'Frame'],
  },
  {
    code: 'GFT',
    name: 'gifts',
    pence: [150, 1500],
    nouns: ['Gift Bag', 'Card Set', 'Candle', 'Keyring', 'Notebook'],
  },
  {
    code: 'TOY',
    name: 'toys',
    pence: [200, 3500],
    nouns: ['Skittles', 'Puzzle', 'Spinning Top', 'Doll', 'Kite'],
  },
  {
    code: 'GDN',
    name: 'garden',
    pence: [300, 4500],
    nouns: ['Bird Feeder', 'Watering Can', 'Planter', 'Bunting'],
  },
  {
    code: 'PTY',
    name: 'party',
    pence: [80, 900],
    nouns: ['Napkins', 'Cake Cases', 'Paper Cups', 'Balloons', 'Straws'],
  },
  {
    code: 'STN',
    name: 'stationery',
    pence: [60, 1200],
    nouns: ['Pencil Set', 'Sticker Sheet', 'Wrapping Paper', 'Diary'],
  },
  {
    code: 'XMS',
    name: 'christmas',
    pence: [150, 2000],
    nouns: ['Bauble', 'Advent Calendar', 'Star', 'Wreath'],
  },
] as const;
const STYLES = [
  'Vintage',
  'Red Spotty',
  'Pastel',
  'Retro',
  'Rustic',
  'Scandi',
  'Floral',
  'Gingham',
];

export interface Product extends Omit<LineDraft, 'quantity'> {
  weight: number;
}

/** Every style of every noun is a product; popularity falls off with a random rank (Zipf-like). */
export const syntheticCatalogue = (random: Random): Product[] => {
  const products = CATEGORIES.flatMap((category) =>
    category.nouns.flatMap((noun, n) =>
      STYLES.map((style, s) => {
        const [low, high] = category.pence;
        const pounds = Math.exp(Math.log(low / 100) + random() * Math.log(high / low));
        // Shop prices end in .49 or .99.
        const unitPriceMinor = Math.max(49, Math.floor(pounds) * 100 + (random() < 0.5 ? 49 : 99));
        return {
          sku: `${category.code}-${n}${s}`,
          name: `${style} ${noun}`,
          category: category.name,
          unitPriceMinor,
          weight: 0,
        };
      }),
    ),
  );
  // Fisher-Yates: a random popularity rank for each product.
  const ranks = products.map((_, i) => i);
  for (let i = ranks.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [ranks[i], ranks[j]] = [ranks[j]!, ranks[i]!];
  }
  ranks.forEach((rank, i) => {
    products[i]!.weight = 1 / (rank + 1);
  });
  return products;
};

/** Picks by weight with a cumulative table and a binary search. */
const weightedPicker = (random: Random, products: Product[]) => {
  const cumulative: number[] = [];
  let sum = 0;
  for (const p of products) cumulative.push((sum += p.weight));
  return () => {
    const target = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return products[lo]!;
  };
};

const FIRST_NAMES = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Mia',
  'Ivy',
  'Lily',
  'Grace',
  'Freya',
  'Ella',
  'Noah',
  'Oliver',
  'George',
  'Arthur',
  'Leo',
  'Harry',
  'Oscar',
  'Jack',
  'Charlie',
  'Theo',
  'Priya',
  'Aisha',
  'Mohammed',
  'Yusuf',
  'Zofia',
  'Luca',
  'Sofia',
  'Ewan',
  'Siobhan',
  'Rhys',
];
const LAST_NAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Khan',
  'Murphy',
  'Kowalski',
  'Rossi',
  "O'Brien",
  'Campbell',
  'Hughes',
];
const COUNTRIES = [
  ...Array<string>(16).fill('United Kingdom'),
  'Germany',
  'France',
  'EIRE',
  'Netherlands',
];
const CHANNELS: readonly OrderChannel[] = [
  'web',
  'web',
  'web',
  'web',
  'web',
  'web',
  'pos',
  'pos',
  'pos',
  'app',
];

interface Shopper {
  externalId: string;
  profile: NonNullable<OrderDraft['customerProfile']>;
  favourite: string;
  /** Purchases per day while active. */
  rate: number;
  /** Chance of never coming back after any purchase. */
  dropout: number;
}

const MEAN_DAYS_BETWEEN_ORDERS = 8;

const shopper = (random: Random, index: number): Shopper => {
  const firstName = pick(random, FIRST_NAMES);
  const lastName = pick(random, LAST_NAMES);
  const local = `${firstName}.${lastName}.${index + 1}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
  const shape = 0.9;
  const a = gamma(random, 1);
  return {
    externalId: `D${String(index + 1).padStart(5, '0')}`,
    profile: {
      firstName,
      lastName,
      email: `${local}@example.com`,
      attributes: { country: pick(random, COUNTRIES) },
    },
    favourite: pick(random, CATEGORIES).name,
    rate: gamma(random, shape) / shape / MEAN_DAYS_BETWEEN_ORDERS,
    // Beta(1, 6) as a ratio of gammas: most shoppers are loyal, some leave after one visit.
    dropout: a / (a + gamma(random, 6)),
  };
};

/** When one shopper buys: arrives some time in the period, then buys until dropping out. */
const purchaseTimes = (random: Random, s: Shopper, startMs: number, endMs: number): number[] => {
  const times: number[] = [];
  for (
    let t = startMs + random() * (endMs - startMs);
    t <= endMs;
    t += exponential(random, 1 / s.rate) * MS_PER_DAY
  ) {
    // Shop hours, 08:00 to 20:00 UTC, on the day the model chose.
    const day = Math.floor(t / MS_PER_DAY) * MS_PER_DAY;
    const at = day + (8 + random() * 12) * 3_600_000;
    if (at <= endMs) times.push(at);
    if (random() < s.dropout) break;
  }
  return times;
};

const QUANTITIES = [1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 6, 12];

const basket = (
  random: Random,
  anyProduct: () => Product,
  favourite: () => Product,
): LineDraft[] => {
  const size = Math.min(25, 1 + Math.floor(exponential(random, 2.5)));
  const lines = new Map<string, LineDraft>();
  for (let i = 0; i < size * 2 && lines.size < size; i += 1) {
    const { weight: _weight, ...product } = random() < 0.6 ? favourite() : anyProduct();
    if (!lines.has(product.sku))
      lines.set(product.sku, { ...product, quantity: pick(random, QUANTITIES) });
  }
  return [...lines.values()];
};

/** The whole synthetic history, oldest order first, with ids `demo-000001`, … */
export const syntheticShop = (options: SyntheticShopOptions): OrderDraft[] => {
  const random = seededRandom(options.seed ?? 20_101_201);
  const catalogue = syntheticCatalogue(random);
  const anyProduct = weightedPicker(random, catalogue);
  const byCategory = new Map<string, () => Product>(
    CATEGORIES.map((c) => [
      c.name,
      weightedPicker(
        random,
        catalogue.filter((p) => p.category === c.name),
      ),
    ]),
  );
  const endMs = options.end.getTime();
  const startMs = endMs - Math.round((options.months ?? 12) * 30.44) * MS_PER_DAY;
  const orders: Omit<OrderDraft, 'externalId'>[] = [];
  for (let i = 0; i < (options.customers ?? 2_000); i += 1) {
    const s = shopper(random, i);
    for (const at of purchaseTimes(random, s, startMs, endMs)) {
      const channel = pick(random, CHANNELS);
      orders.push({
        customerExternalId: s.externalId,
        customerProfile: s.profile,
        currency: 'GBP',
        channel,
        ...(channel === 'pos' ? { storeId: `store-${1 + Math.floor(random() * 4)}` } : {}),
        placedAt: new Date(at),
        lines: basket(random, anyProduct, byCategory.get(s.favourite)!),
      });
    }
  }
  orders.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
  return orders.map((o, i) => ({ ...o, externalId: `demo-${String(i + 1).padStart(6, '0')}` }));
};
