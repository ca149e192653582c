import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMME } from '../programme/programme.js';
import { baselineOf, campaignEffectReport, type WindowCounts } from './campaign-effect.js';

const group = (buyers: number, orders: number, revenueMinor: number) => ({
  buyers,
  orders,
  revenueMinor,
});

describe('campaign effect', () => {
  it('the baseline is the window of equal length just before', () => {
    expect(baselineOf({ from: '2026-04-01', to: '2026-04-30' })).toEqual({
      from: '2026-03-02',
      to: '2026-03-31',
    });
    expect(baselineOf({ from: '2026-03-01', to: '2026-03-01' })).toEqual({
      from: '2026-02-28',
      to: '2026-02-28',
    });
  });

  it('adds the groups, averages orders and computes the change', async () => {
    const current: WindowCounts = { new: group(2, 3, 3001), returning: group(1, 1, 999) };
    const baseline: WindowCounts = { new: group(0, 0, 0), returning: group(2, 2, 2000) };
    const r = await campaignEffectReport(
      {
        programme: DEFAULT_PROGRAMME,
        campaignEffect: { campaignCounts: async () => ({ current, baseline }) },
      },
      { source: { kind: 'window', window: { from: '2026-05-01', to: '2026-05-07' } }, filter: {} },
    );
    expect(r.days).toBe(7);
    expect(r.current.all).toEqual({
      buyers: 3,
      orders: 4,
      revenueMinor: 4000,
      averageOrderValueMinor: 1000,
    });
    expect(r.current.new.averageOrderValueMinor).toBe(1000); // 3001 / 3 = 1000.33
    expect(r.baseline.new.averageOrderValueMinor).toBeNull();
    expect(r.change.all.revenueMinor).toEqual({ absolute: 2000, percent: 100 });
    expect(r.change.new.buyers).toEqual({ absolute: 2, percent: null });
    expect(r.change.new.averageOrderValueMinor).toEqual({ absolute: null, percent: null });
    expect(r.change.returning.buyers).toEqual({ absolute: -1, percent: -50 });
  });

  it('refuses a backwards or overlong window', async () => {
    const deps = {
      programme: DEFAULT_PROGRAMME,
      campaignEffect: {
        campaignCounts: async () => {
          throw new Error('not reached');
        },
      },
    };
    const run = (from: string, to: string) =>
      campaignEffectReport(deps, { source: { kind: 'window', window: { from, to } }, filter: {} });
    await expect(run('2026-05-02', '2026-05-01')).rejects.toMatchObject({ code: 'invalid_range' });
    await expect(run('2010-01-01', '2026-05-01')).rejects.toMatchObject({ code: 'range_too_long' });
  });
});
