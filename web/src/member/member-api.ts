import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api, newIdempotencyKey } from '../shared/api';
import type { BenefitKind } from './i18n/messages';

/** The shapes GET /m/api/{token} and the redeem endpoint answer with (src/http/member.views.ts). */
export interface MemberReward {
  id: string;
  name: string;
  description: string | null;
  kind: BenefitKind;
  value: number | null;
  valueMinor: number | null;
  currency: string | null;
  sku: string | null;
  pointsPrice: number;
  affordable: boolean;
  eligible: boolean;
  reasons: { code: string; message: string; pointsMissing?: number }[];
}

export interface MemberCoupon {
  code: string;
  rewardName: string | null;
  kind: BenefitKind;
  value: number | null;
  valueMinor: number | null;
  currency: string;
  sku: string | null;
  description: string | null;
  validFrom: string | null;
  validUntil: string | null;
  usesLeft: number;
}

export interface MemberSummary {
  customer: { firstName: string | null; name: string | null; locale: string | null };
  card: { cardId: string; token: string; qrSvgUrl: string };
  points: {
    balance: number;
    pending: number;
    nextPendingRelease: { points: number; releaseAt: string } | null;
    expiring: { points: number; expiresAt: string }[];
  };
  tier: {
    current: { code: string; name: string; benefits: string[] } | null;
    metric: 'points' | 'spend' | 'orders' | null;
    value: number;
    next: {
      code: string;
      name: string;
      threshold: number;
      remaining: number;
      percent: number;
    } | null;
  } | null;
  rewards: MemberReward[];
  coupons: MemberCoupon[];
  referral: { code: string; link: string; referrerPoints: number; friendPoints: number } | null;
  history: {
    id: string;
    at: string;
    kind: string;
    points: number;
    pendingPoints: number;
    description: string | null;
  }[];
  programme: { name: string; currency: string; pointsPerCurrencyUnit: number };
}

export interface Redemption {
  coupon: { code: string; validUntil: string | null };
  reward: { id: string; name: string };
  pointsSpent: number;
  balance: number;
}

/** The card token from the address `/m/{token}`, as it is (tokens are URL-safe). */
export const tokenFromPath = (path: string): string | null =>
  /^\/m\/([^/]+)\/?$/.exec(path)?.[1] ?? null;

const summaryKey = (token: string) => ['member', token] as const;

export const useMemberSummary = (token: string) =>
  useQuery({
    queryKey: summaryKey(token),
    queryFn: ({ signal }) => api.get<MemberSummary>(`/m/api/${token}`, signal),
    // An unknown card stays unknown; only a network or server failure is worth retrying.
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
  });

/**
 * Redeems with an Idempotency-Key that lives until the server has answered: a tap repeated after
 * a lost connection reuses it, so the member cannot spend twice; a definite answer ends it.
 */
export const useRedeem = (token: string) => {
  const client = useQueryClient();
  const [keys] = useState(() => new Map<string, string>());
  return useMutation({
    mutationFn: (rewardId: string) => {
      const key = keys.get(rewardId) ?? newIdempotencyKey();
      keys.set(rewardId, key);
      return api.post<Redemption>(`/m/api/${token}/rewards/${rewardId}/redeem`, {}, key);
    },
    onSuccess: (redemption, rewardId) => {
      keys.delete(rewardId);
      client.setQueryData<MemberSummary>(summaryKey(token), (old) =>
        old ? { ...old, points: { ...old.points, balance: redemption.balance } } : old,
      );
      void client.invalidateQueries({ queryKey: summaryKey(token) });
    },
    onError: (error, rewardId) => {
      if (error instanceof ApiError) keys.delete(rewardId);
    },
  });
};
