import { describe, expect, it } from 'vitest';
import { PopulationSchema, VariantSchema } from '../../src/core/experiments/experiments.js';
import type { RuleExperiment } from '../../src/core/rules/rules.experiments.js';
import type { RuleAward } from '../../src/core/rules/rules.live.js';
import { experimentRepository } from '../../src/db/experiments/experiments.repository.js';
import { newId } from '../../src/core/shared/ids.js';
import { experimentFixture } from '../support/experiment-fixture.js';
import { newOrder } from './order-repository.contract.js';
import { inUnit, insertCustomer, sqlUnit, type ContractEnv } from './units.js';

const HOUR_MS = 3_600_000;

const awardOf = (
  customerId: string,
  ruleId: string,
  points: number,
  awardedAt: Date,
): RuleAward => ({
  entryId: newId('entry'),
  customerId,
  ruleId,
  ruleVersion: 1,
  tierCode: null,
  points,
  orderId: null,
  activityId: null,
  awardedAt,
});

/**
 * What live rules rely on from a RuleFactsRepository inside one unit of work: a member's facts
 * count the orders this unit inserted (the second order of a member is its second), and the
 * awards per rule and window count the awards this unit recorded, as they are then stored.
 */
export const ruleFactsRepositoryContract = (env: ContractEnv) =>
  describe(`RuleFactsRepository (${env.kind.name})`, () => {
    it('counts the orders committed before and those inserted in this unit', async () => {
      const customerId = await insertCustomer(env.db(), { vip: true });
      const earlier = newOrder(customerId);
      await inUnit(env.db(), env.kind, [customerId], (unit) =>
        unit.orders.insertIfAbsent(earlier.row, earlier.lines),
      );
      const counts = await inUnit(env.db(), env.kind, [customerId], async (unit) => {
        const before = await unit.ruleFacts.memberFacts(customerId, { orderCount: true });
        const order = newOrder(customerId);
        await unit.orders.insertIfAbsent(order.row, order.lines);
        const after = await unit.ruleFacts.memberFacts(customerId, { orderCount: true });
        return { before, after };
      });
      expect(counts.before.ordersBefore).toBe(1);
      expect(counts.after.ordersBefore).toBe(2);
      expect(counts.after.customer.attributes).toEqual({ vip: true });
      const stored = await inUnit(env.db(), sqlUnit, [customerId], (unit) =>
        unit.ruleFacts.memberFacts(customerId, { orderCount: true }),
      );
      expect(stored).toEqual(counts.after);
    });

    it('sums awards per rule since each window start, its own included', async () => {
      const customerId = await insertCustomer(env.db());
      const other = await insertCustomer(env.db());
      const [ruleA, ruleB] = [newId('rule'), newId('rule')];
      const now = Date.now();
      const since = new Date(now - 10 * HOUR_MS);
      await inUnit(env.db(), env.kind, [customerId, other], (unit) =>
        unit.ruleFacts.recordAwards([
          awardOf(customerId, ruleA, 5, new Date(now - HOUR_MS)),
          awardOf(customerId, ruleA, 100, new Date(now - 20 * HOUR_MS)),
        ]),
      );
      const windows = [
        { ruleId: ruleA, since },
        { ruleId: ruleB, since },
      ];
      const totals = await inUnit(env.db(), env.kind, [customerId, other], async (unit) => {
        await unit.ruleFacts.recordAwards([
          awardOf(customerId, ruleA, 7, new Date(now)),
          awardOf(customerId, ruleB, 3, new Date(now)),
          awardOf(customerId, ruleB, 50, new Date(now - 11 * HOUR_MS)),
          awardOf(other, ruleA, 1_000, new Date(now)),
        ]);
        return unit.ruleFacts.awardedSince(customerId, windows);
      });
      expect(totals).toEqual({ [ruleA]: 12, [ruleB]: 3 });
      const stored = await inUnit(env.db(), sqlUnit, [], (unit) =>
        unit.ruleFacts.awardedSince(customerId, windows),
      );
      expect(stored).toEqual(totals);
    });

    it('reads exposures and open segments, its own first exposures included, the first kept', async () => {
      const customerId = await insertCustomer(env.db());
      const at = new Date('2026-06-01T00:00:00Z');
      const id = newId('experiment');
      const experiment = experimentFixture(id, at, {
        population: PopulationSchema.parse({ entry: 'open' }),
        variants: VariantSchema.array().parse([
          { key: 'a', name: 'A', weight: 1, control: true },
          { key: 'b', name: 'B', weight: 1 },
        ]),
      });
      await experimentRepository(env.db()).insert(experiment);
      const asked: RuleExperiment[] = [experiment];
      const exposure = (variant: string, exposedAt: Date) => ({
        experimentId: id,
        customerId,
        variant,
        exposedAt,
        source: 'rule' as const,
      });
      const seen = await inUnit(env.db(), env.kind, [customerId], async (unit) => {
        const before = await unit.ruleFacts.experimentFacts(customerId, asked);
        await unit.ruleFacts.recordExposures([exposure('b', at)]);
        await unit.ruleFacts.recordExposures([exposure('a', new Date(at.getTime() + 1000))]);
        const after = await unit.ruleFacts.experimentFacts(customerId, asked);
        return { before, after };
      });
      expect(seen.before).toEqual({ exposed: {}, segmentIds: [] });
      expect(seen.after.exposed).toEqual({ [id]: 'b' });
      const stored = await env
        .db()
        .selectFrom('experiment_exposure')
        .select(['variant', 'exposed_at'])
        .where('experiment_id', '=', id)
        .execute();
      expect(stored).toEqual([{ variant: 'b', exposed_at: at }]);
    });
  });
