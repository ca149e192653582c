import { formatDate, formatNumber } from '../../shared/format';
import { Loaded, Panel } from '../ui';
import { Facts, When } from './facts';
import { usePoints } from './queries';
import type { Points } from './types';

const upcoming = (points: number, iso: string, verb: string) => (
  <>
    {formatNumber(points)} {verb} <When iso={iso}>{formatDate(iso)}</When>
  </>
);

const Summary = ({ p }: { p: Points }) => (
  <>
    <Facts
      className="c360-points-headline"
      facts={[
        { term: 'Balance', value: formatNumber(p.balance), label: 'Points balance' },
        { term: 'Pending', value: formatNumber(p.pending) },
      ]}
    />
    <Facts
      facts={[
        {
          term: 'Next expiry',
          value: p.nextExpiring
            ? upcoming(p.nextExpiring.points, p.nextExpiring.expiresAt, 'expire on')
            : 'Nothing due to expire',
        },
        {
          term: 'Next release of pending points',
          value: p.nextPendingRelease
            ? upcoming(p.nextPendingRelease.points, p.nextPendingRelease.releaseAt, 'release on')
            : 'Nothing pending',
        },
      ]}
    />
    <h3>Lifetime</h3>
    <Facts
      className="c360-facts-inline"
      facts={[
        { term: 'Earned', value: formatNumber(p.lifetime.earned) },
        { term: 'Redeemed', value: formatNumber(p.lifetime.redeemed) },
        { term: 'Expired', value: formatNumber(p.lifetime.expired) },
        { term: 'Adjusted', value: formatNumber(p.lifetime.adjusted) },
        { term: 'Reversed', value: formatNumber(p.lifetime.reversed) },
      ]}
    />
  </>
);

export const PointsPanel = ({ customerId }: { customerId: string }) => {
  const points = usePoints(customerId);
  return (
    <Panel title="Points summary">
      <Loaded query={points} what="points">
        {(p) => <Summary p={p} />}
      </Loaded>
    </Panel>
  );
};
