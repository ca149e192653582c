import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Clock } from '../core/shared/clock.js';
import { localDay } from '../core/shared/zoned-time.js';
import { purchaseDayRange } from '../app/analytics.js';
import { useCaseDeps, type AppEnv } from './context.js';
import { commonErrors, json } from './openapi.js';

const day = () => z.string().openapi({ example: '2026-04-01' });

const AnalyticsRangeView = z
  .object({
    firstPurchaseDay: day()
      .nullable()
      .openapi({ description: 'First purchase day (programme time zone); null: no orders' }),
    lastPurchaseDay: day()
      .nullable()
      .openapi({ description: 'Last purchase day (programme time zone); null: no orders' }),
    today: day().openapi({ description: 'Today in the programme time zone' }),
    timeZone: z.string(),
    currency: z.string(),
  })
  .openapi('AnalyticsRange');

/**
 * The days the purchase history spans, so a dashboard can default its date windows to where the
 * data is (imported history may end long before today). Purchases as every report counts them.
 */
export const analyticsRangeRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/range',
      tags: ['Analytics'],
      summary: 'First and last purchase day, today, time zone and currency of the programme',
      responses: {
        200: json(AnalyticsRangeView, 'The span of the purchase history'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { programme } = await useCaseDeps(c, clock);
      const { currency, timeZone } = programme;
      const range = await purchaseDayRange(c.var.readDb, { currency, timeZone });
      return c.json(
        {
          firstPurchaseDay: range.first,
          lastPurchaseDay: range.last,
          today: localDay(clock.now(), timeZone),
          timeZone,
          currency,
        },
        200,
      );
    },
  );
  return app;
};
