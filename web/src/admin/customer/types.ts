import type { Schemas } from '../../shared/api';

/**
 * The views the Customer 360 reads, by the names the API gives them (GET /openapi.json, generated
 * into shared/api.generated.ts). Times are ISO 8601 strings; money is integer minor units.
 */
export type Customer = Schemas['Customer'];
export type Consent = Customer['consents'][number];
export type Points = Schemas['Points'];
export type TierProgress = Schemas['TierProgress'];
export type TierMetric = NonNullable<TierProgress['metric']>;
export type CustomerAnalytics = Schemas['CustomerAnalytics'];
export type TimelineItem = Schemas['CustomerTimeline']['items'][number];
export type TimelineKind = TimelineItem['kind'];
export type Coupon = Schemas['Coupon'];
