import type { Clock } from '../../core/shared/clock.js';
import { messagingDeps } from '../../app/messaging-deps.js';
import { useCaseDeps } from '../context.js';

/** The messaging use cases' dependencies for a request. */
export const messagingRouteDeps = (clock: Clock) => async (c: Parameters<typeof useCaseDeps>[0]) =>
  messagingDeps(await useCaseDeps(c, clock));
