import { formatDate, formatMoney, formatNumber } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import { Facts, When } from './facts';
import { useCard, useCoupons, useReferral } from './queries';
import type { Coupon } from './types';

const benefitOf = (c: Coupon) => {
  switch (c.kind) {
    case 'percent_discount':
      return `${formatNumber(c.value ?? 0)} % off`;
    case 'fixed_discount':
      return `${formatMoney(c.valueMinor ?? 0, c.currency)} off`;
    case 'free_product':
      return `Free product ${c.sku ?? ''}`.trim();
    case 'sample':
      return `Sample ${c.sku ?? ''}`.trim();
    case 'gift':
      return c.description ? `Gift: ${c.description}` : 'Gift';
  }
};

const statusOf = (c: Coupon) => {
  if (c.status === 'void') return 'Void';
  if (c.validUntil && new Date(c.validUntil) < new Date()) return 'Expired';
  return c.usesLeft > 0 ? 'Usable' : 'Used up';
};

/** Coupons bound to the member: rewards they redeemed and codes issued to them. */
export const CouponsPanel = ({ customerId }: { customerId: string }) => {
  const coupons = useCoupons(customerId);
  return (
    <Panel title="Coupons and rewards">
      <Loaded query={coupons} what="coupons">
        {({ coupons: list }) =>
          list.length === 0 ? (
            <Empty>This customer holds no coupons.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Benefit</th>
                  <th scope="col">Valid until</th>
                  <th scope="col" className="num">
                    Uses left
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <code>{c.code}</code>
                    </td>
                    <td>{benefitOf(c)}</td>
                    <td>
                      {c.validUntil ? (
                        <When iso={c.validUntil}>{formatDate(c.validUntil)}</When>
                      ) : (
                        'No end'
                      )}
                    </td>
                    <td className="num">{formatNumber(c.usesLeft)}</td>
                    <td>{statusOf(c)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </Panel>
  );
};

export const ReferralPanel = ({ customerId }: { customerId: string }) => {
  const referral = useReferral(customerId);
  return (
    <Panel title="Referral">
      <Loaded query={referral} what="referral">
        {(r) => (
          <Facts
            facts={[
              { term: 'Code', value: <code>{r.code}</code> },
              { term: 'Link', value: <a href={r.link}>{r.link}</a> },
              { term: 'Friends invited', value: formatNumber(r.stats.invited) },
              { term: 'Converted', value: formatNumber(r.stats.converted) },
              { term: 'Reversed', value: formatNumber(r.stats.reversed) },
              { term: 'Points earned', value: formatNumber(r.stats.pointsEarned) },
            ]}
          />
        )}
      </Loaded>
    </Panel>
  );
};

export const CardPanel = ({ customerId }: { customerId: string }) => {
  const card = useCard(customerId);
  return (
    <Panel title="Member card">
      <Loaded query={card} what="member card">
        {(c) => (
          <>
            <Facts
              facts={[
                {
                  term: 'Card issued',
                  value: <When iso={c.issuedAt}>{formatDate(c.issuedAt)}</When>,
                },
              ]}
            />
            {/* The member page is outside the dashboard (no /admin prefix): a plain link. */}
            <p>
              <a href={c.memberPageUrl}>Open member page</a>
            </p>
            <img className="c360-card-qr" src={c.qrSvgUrl} alt="QR code of the member card" />
          </>
        )}
      </Loaded>
    </Panel>
  );
};
