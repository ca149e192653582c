import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { JOURNEYS, JourneyPatchSchema, JourneysSchema } from '../../core/messaging/messaging.js';
import { saveJourneys, updateJourney } from '../../core/messaging/messaging.service.js';
import type { Clock } from '../../core/shared/clock.js';
import { messagingRepository } from '../../app/messaging.js';
import type { AppEnv } from '../context.js';
import { commonErrors, json, jsonBody, problem } from '../openapi.js';
import { messagingRouteDeps } from './messaging.context.js';

/** The automated journeys: welcome, birthday, points expiring, tier changed, review request. */
export const journeyRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();
  const deps = messagingRouteDeps(clock);

  // The core's plain zod object rebuilt, so the view carries its name in /openapi.json.
  const JourneysView = z.object(JourneysSchema.shape).openapi('Journeys');
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/journeys',
      tags: ['Messaging'],
      summary:
        'Automated journeys: welcome, birthday, points expiring, tier changed, review request',
      responses: { 200: json(JourneysView, 'The journeys'), ...commonErrors },
    }),
    async (c) => c.json(await messagingRepository(c.var.db).journeys(), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/journeys',
      tags: ['Messaging'],
      summary: 'Replace the journeys (absent ones are off)',
      request: { body: jsonBody(JourneysSchema) },
      responses: {
        200: json(JourneysView, 'Saved'),
        ...commonErrors,
        404: problem('A template is missing'),
      },
    }),
    async (c) => c.json(await saveJourneys(await deps(c), c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/journeys/{key}',
      tags: ['Messaging'],
      summary: 'Switch one journey on or off, or change its template or delay',
      description:
        'Absent fields stay as they are; an enabled journey needs an existing template (422/404 naming templateKey).',
      request: {
        params: z.object({
          key: z.enum(JOURNEYS).openapi({ param: { name: 'key', in: 'path' }, example: 'welcome' }),
        }),
        body: jsonBody(JourneyPatchSchema),
      },
      responses: {
        200: json(JourneysView, 'Saved; all journeys as they are now'),
        ...commonErrors,
        404: problem('The template is missing'),
        422: problem('journey_invalid'),
      },
    }),
    async (c) =>
      c.json(
        await updateJourney(await deps(c), c.req.valid('param').key, c.req.valid('json')),
        200,
      ),
  );

  return app;
};
