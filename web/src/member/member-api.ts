import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, client, newIdempotencyKey, unwrap, type Schemas } from '../shared/api';

/** What GET /m/api/{token} and the redeem endpoint answer (src/http/member.views.ts). */
export type MemberSummary = Schemas['MemberSummary'];
export type MemberReward = MemberSummary['rewards'][number];
export type MemberCoupon = MemberSummary['coupons'][number];
export type Redemption = Schemas['MemberRedemption'];

/** The card token from the address `/m/{token}`, as it is (tokens are URL-safe). */
export const tokenFromPath = (path: string): string | null =>
  /^\/m\/([^/]+)\/?$/.exec(path)?.[1] ?? null;

const summaryKey = (token: string) => ['member', token] as const;

export const useMemberSummary = (token: string) =>
  useQuery({
    queryKey: summaryKey(token),
    queryFn: ({ signal }) =>
      unwrap(client.GET('/m/api/{token}', { params: { path: { token } }, signal })),
    // An unknown card stays unknown; only a network or server failure is worth retrying.
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
  });

/**
 * Redeems with an Idempotency-Key that lives until the server has answered: a tap repeated after
 * a lost connection reuses it, so the member cannot spend twice; a definite answer ends it.
 */
export const useRedeem = (token: string) => {
  const queryClient = useQueryClient();
  const [keys] = useState(() => new Map<string, string>());
  return useMutation({
    mutationFn: (rewardId: string) => {
      const key = keys.get(rewardId) ?? newIdempotencyKey();
      keys.set(rewardId, key);
      return unwrap(
        client.POST('/m/api/{token}/rewards/{rewardId}/redeem', {
          params: { path: { token, rewardId }, header: { 'idempotency-key': key } },
          // The route takes no body but only JSON posts, which another site's form cannot send.
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
    onSuccess: (redemption, rewardId) => {
      keys.delete(rewardId);
      queryClient.setQueryData<MemberSummary>(summaryKey(token), (old) =>
        old ? { ...old, points: { ...old.points, balance: redemption.balance } } : old,
      );
      void queryClient.invalidateQueries({ queryKey: summaryKey(token) });
    },
    onError: (error, rewardId) => {
      if (error instanceof ApiError) keys.delete(rewardId);
    },
  });
};
