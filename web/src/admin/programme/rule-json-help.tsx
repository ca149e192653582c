/** A short reference of what the Rule JSON may hold (docs/rules.md has the whole of it). */
const PARTS: { part: string; example: string }[] = [
  {
    part: 'lines',
    example: '{"excludeCategories": ["giftcard"]}  (also skus, categories, excludeSkus)',
  },
  { part: 'condition order.amount', example: '{"type": "order.amount", "minMinor": 5000}' },
  { part: 'condition order.quantity', example: '{"type": "order.quantity", "min": 3}' },
  { part: 'condition order.channel', example: '{"type": "order.channel", "in": ["web", "app"]}' },
  { part: 'condition time.dayOfWeek', example: '{"type": "time.dayOfWeek", "days": [6, 7]}' },
  {
    part: 'condition time.window',
    example: '{"type": "time.window", "from": "17:00", "to": "20:00"}',
  },
  { part: 'condition customer.tier', example: '{"type": "customer.tier", "in": ["gold"]}' },
  {
    part: 'condition customer.segment',
    example: '{"type": "customer.segment", "in": ["at_risk"]}',
  },
  {
    part: 'condition customer.attribute',
    example: '{"type": "customer.attribute", "key": "city", "op": "eq", "value": "Leeds"}',
  },
  { part: 'condition customer.orderNumber', example: '{"type": "customer.orderNumber", "nth": 1}' },
  {
    part: 'effect points.perCurrencyUnit',
    example: '{"type": "points.perCurrencyUnit", "points": 2}',
  },
  { part: 'effect points.fixed', example: '{"type": "points.fixed", "points": 100}' },
  { part: 'effect points.multiplier', example: '{"type": "points.multiplier", "percent": 200}' },
  { part: 'effect issue.coupon', example: '{"type": "issue.coupon", "couponBatchId": "cpb_…"}' },
  { part: 'effect issue.reward', example: '{"type": "issue.reward", "rewardId": "rwd_…"}' },
  {
    part: 'caps',
    example: '{"perOrder": 500, "perCustomer": {"points": 1000, "period": "month"}}',
  },
];

export const RuleJsonHelp = () => (
  <details className="prog-help">
    <summary>What the Rule JSON can contain</summary>
    <p className="muted">
      An object with <code>effects</code> (required, at least one), and optionally{' '}
      <code>conditions</code> (all must hold), <code>lines</code> and <code>caps</code>. Amounts are
      in minor units (5000 = 50.00); days are ISO (1 = Monday).
    </p>
    <table>
      <thead>
        <tr>
          <th>Part</th>
          <th>Example</th>
        </tr>
      </thead>
      <tbody>
        {PARTS.map((p) => (
          <tr key={p.part}>
            <td>{p.part}</td>
            <td>
              <code>{p.example}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </details>
);
