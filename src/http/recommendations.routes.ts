import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  MAX_SUGGESTIONS,
  RecommendationSettingsSchema,
  reasonText,
  type ProductSuggestion,
  type RecommendationsRefreshed,
  type Suggestions,
} from '../core/recommendations/recommendations.js';
import {
  customerSuggestions,
  refreshRecommendations,
} from '../core/recommendations/recommendations.service.js';
import { memberRewards } from '../core/rewards/rewards.service.js';
import type { Clock } from '../core/shared/clock.js';
import { recommendationStore } from '../app/recommendations.js';
import { withRewardRepositories } from '../app/rewards-deps.js';
import { inRequestTransaction, useCaseDeps, type AppEnv } from './context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from './openapi.js';
import { iso } from './presenters.js';

const int = () => z.number().int();
const TAGS = ['Recommendations'];

const ReasonView = z
  .object({
    kind: z.enum(['bought_with', 'popular_in_category', 'popular']),
    text: z.string().openapi({ example: 'Bought with White hanging heart t-light holder' }),
    sku: z.string().optional().openapi({ description: 'bought_with: the product bought' }),
    name: z.string().nullable().optional(),
    category: z.string().optional().openapi({ description: 'popular_in_category' }),
  })
  .openapi('SuggestionReason');

const ProductView = z.object({
  rank: int(),
  sku: z.string(),
  name: z.string().nullable(),
  category: z.string().nullable(),
  score: z.number().openapi({ description: '0..1; 0 for best sellers filling the list' }),
  reason: ReasonView,
});

const RewardOfferView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  kind: z.string(),
  pointsCost: int(),
});

const SuggestionsView = z
  .object({
    customerId: z.string(),
    source: z.enum(['personal', 'popular', 'none']).openapi({
      description:
        'personal: computed for this customer by the last refresh; popular: the best sellers (no history at the last refresh); none: never refreshed',
    }),
    computedAt: z.string().nullable(),
    products: z.array(ProductView),
    rewards: z.object({
      balance: int(),
      affordable: z
        .array(RewardOfferView)
        .openapi({ description: 'Redeemable now, cheapest first' }),
      next: RewardOfferView.extend({ pointsMissing: int() })
        .nullable()
        .openapi({ description: 'The reward that only lacks points, the fewest missing' }),
    }),
  })
  .openapi('CustomerSuggestions');

const RefreshBody = z
  .object({
    asOf: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'Only orders placed before this instant count; default now' }),
    settings: RecommendationSettingsSchema.partial().optional(),
  })
  .openapi('RecommendationsRefresh');

const RefreshView = z
  .object({
    asOf: z.string(),
    computedAt: z.string(),
    settings: RecommendationSettingsSchema,
    customers: int(),
    suggestions: int(),
    popular: int(),
    durationMs: int(),
  })
  .openapi('RecommendationsRefreshResult');

const LimitQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_SUGGESTIONS).default(10),
});

const presentProduct = (p: ProductSuggestion): z.infer<typeof ProductView> => ({
  ...p,
  reason: { ...p.reason, text: reasonText(p.reason) },
});

const presentSuggestions = (s: Suggestions): z.infer<typeof SuggestionsView> => ({
  ...s,
  computedAt: iso(s.computedAt),
  products: s.products.map(presentProduct),
});

const presentRefresh = (r: RecommendationsRefreshed) => ({
  ...r,
  asOf: r.asOf.toISOString(),
  computedAt: r.computedAt.toISOString(),
});

/** Personal product suggestions and rewards within reach. Mount with `app.route('/', …)`. */
export const recommendationRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/recommendations/refresh',
      tags: TAGS,
      summary: 'Recompute every customer’s product suggestions (admin)',
      description:
        'Set-based SQL over all order lines placed before asOf: co-purchase (cosine) blended with category affinity, excluding what the customer bought; replaces the stored suggestions. Also a nightly job.',
      request: { headers: IdempotencyHeader, body: { ...jsonBody(RefreshBody), required: false } },
      responses: {
        200: json(RefreshView, 'Refreshed'),
        ...commonErrors,
        422: problem('asOf in the future'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json') ?? {};
      const deps = await useCaseDeps(c, clock);
      const result = await refreshRecommendations(
        { recommendations: recommendationStore(c.var.db), clock, programme: deps.programme },
        {
          ...(body.asOf ? { asOf: new Date(body.asOf) } : {}),
          ...(body.settings ? { settings: body.settings } : {}),
        },
      );
      return c.json(presentRefresh(result), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/recommendations',
      tags: TAGS,
      summary: 'Products to suggest to a customer, with the reason, and rewards they can afford',
      request: { params: IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G'), query: LimitQuery },
      responses: {
        200: json(SuggestionsView, 'As of the last refresh'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const { limit } = c.req.valid('query');
      const suggestions = await inRequestTransaction(c, clock, (uow) =>
        customerSuggestions(
          {
            customers: uow.customers,
            recommendations: recommendationStore(uow.db),
            memberRewards: (id) => memberRewards(withRewardRepositories(uow), id),
          },
          c.req.valid('param').id!,
          limit,
        ),
      );
      return c.json(presentSuggestions(suggestions), 200);
    },
  );

  return app;
};
