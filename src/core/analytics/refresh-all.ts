import type { LifecycleThresholds } from './lifecycle.js';
import {
  ClvSettingsSchema,
  refreshClv,
  type ClvRun,
  type ClvSettings,
  type ClvSource,
} from './clv-refresh.js';
import { ModelFitError } from './clv/index.js';
import { refreshAnalytics, type AnalyticsDeps } from './rfm.js';
import { localDay } from '../shared/zoned-time.js';

export interface ClvOutcome {
  status: 'fitted' | 'not_fitted' | 'skipped';
  /** Why no model was fitted, in words a marketer can act on. */
  reason: string | null;
  run: ClvRun | null;
}

export interface FullRefreshInput {
  asOf?: Date;
  thresholds?: Partial<LifecycleThresholds>;
  /** CLV settings to fit with; false skips the CLV models (RFM and lifecycle only). */
  clv?: Partial<ClvSettings> | false;
}

/**
 * The whole per-customer refresh, in the order it depends on: RFM and lifecycle create every
 * customer's analytics row, then the CLV models fill in P(alive), expected purchases and value.
 * A CLV model that cannot be fitted on this data (too few repeat buyers, say) does not undo the
 * RFM refresh: the outcome says why.
 */
export const refreshAllAnalytics = async (
  deps: AnalyticsDeps & { clv: ClvSource },
  input: FullRefreshInput,
) => {
  const rfm = await refreshAnalytics(deps, {
    ...(input.asOf ? { asOf: input.asOf } : {}),
    ...(input.thresholds ? { thresholds: input.thresholds } : {}),
  });
  if (input.clv === false) {
    return { ...rfm, clv: { status: 'skipped', reason: 'not requested', run: null } as ClvOutcome };
  }
  const settings = ClvSettingsSchema.parse(input.clv ?? {});
  try {
    const run = await refreshClv(deps.clv, {
      settings,
      today: localDay(rfm.asOf, deps.programme.timeZone),
      now: deps.clock.now(),
    });
    return { ...rfm, clv: { status: 'fitted', reason: null, run } as ClvOutcome };
  } catch (error) {
    if (!(error instanceof ModelFitError)) throw error;
    return {
      ...rfm,
      clv: { status: 'not_fitted', reason: error.message, run: null } as ClvOutcome,
    };
  }
};
