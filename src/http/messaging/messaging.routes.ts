import { OpenAPIHono } from '@hono/zod-openapi';
import type { Clock } from '../../core/shared/clock.js';
import type { MessagingEnv } from '../../app/messaging-deps.js';
import type { AppEnv } from '../context.js';
import { campaignRoutes } from './campaigns.routes.js';
import { journeyRoutes } from './journeys.routes.js';
import { messageRoutes } from './messages.routes.js';
import { templateRoutes } from './templates.routes.js';

/** Templates, the outbox and send log, settings, journeys and campaigns (admin only). */
export const messagingRoutes = (clock: Clock, env: MessagingEnv) =>
  new OpenAPIHono<AppEnv>()
    .route('/', templateRoutes(clock, env))
    .route('/', messageRoutes(clock))
    .route('/', journeyRoutes(clock))
    .route('/', campaignRoutes(clock));
