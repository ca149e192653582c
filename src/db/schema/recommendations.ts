import type { Timestamp } from './column-types.js';

/** Product suggestions per customer, and the popular products they fall back on. */
export interface RecommendationsTables {
  recommendation: RecommendationTable;
  recommendation_popular: RecommendationPopularTable;
}

export interface RecommendationTable {
  customer_id: string;
  rank: number;
  sku: string;
  name: string | null;
  category: string | null;
  score: number;
  reason: 'bought_with' | 'popular_in_category' | 'popular';
  reason_sku: string | null;
  reason_name: string | null;
  reason_category: string | null;
  as_of: Timestamp;
  computed_at: Timestamp;
}

export interface RecommendationPopularTable {
  rank: number;
  sku: string;
  name: string | null;
  category: string | null;
  buyers: number;
  score: number;
  as_of: Timestamp;
  computed_at: Timestamp;
}
