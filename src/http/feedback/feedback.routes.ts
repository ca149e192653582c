import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../context.js';
import { complaintRoutes } from './complaints.routes.js';
import { feedbackContext } from './feedback.context.js';
import { reviewRoutes } from './reviews.routes.js';
import { scoreRoutes } from './scores.routes.js';
import { surveyPageRoutes } from './survey-page.routes.js';
import { surveyRoutes } from './surveys.routes.js';

/**
 * Feedback: surveys (admin), their public answer pages `/s/{token}` (no API key: the signed
 * token is the credential), reviews, NPS/CSAT over time, complaints and their response times.
 */
export const feedbackRoutes = (deps: Pick<AppDeps, 'clock' | 'cardSecret' | 'publicUrl'>) => {
  const ctx = feedbackContext(deps);
  return new OpenAPIHono<AppEnv>()
    .route('/', surveyRoutes(ctx))
    .route('/', surveyPageRoutes(ctx))
    .route('/', reviewRoutes(ctx))
    .route('/', scoreRoutes(ctx))
    .route('/', complaintRoutes(ctx));
};
