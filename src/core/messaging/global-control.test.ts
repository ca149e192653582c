import { describe, expect, it } from 'vitest';
import { controlPosition, inGlobalControl, newGlobalControlSalt } from './global-control.js';

const ids = Array.from({ length: 10_000 }, (_, i) => `cus_${String(i).padStart(8, '0')}`);
const members = (percent: number, salt: string) =>
  new Set(
    ids.filter((id) =>
      inGlobalControl({ globalControlPercent: percent, globalControlSalt: salt }, id),
    ),
  );

describe('global control group', () => {
  it('puts a member in the same place every time, and elsewhere under another salt', () => {
    const salt = newGlobalControlSalt();
    expect(controlPosition(salt, 'cus_1')).toBe(controlPosition(salt, 'cus_1'));
    expect(controlPosition(salt, 'cus_1')).not.toBe(controlPosition(salt, 'cus_2'));
    expect(controlPosition(salt, 'cus_1')).not.toBe(controlPosition(`${salt}x`, 'cus_1'));
    for (const id of ids.slice(0, 200)) {
      const p = controlPosition(salt, id);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(1);
    }
  });

  it('holds back close to the share asked for over 10,000 ids', () => {
    const salt = 'fixed-salt-for-the-test';
    for (const percent of [0.5, 5, 10, 25, 50]) {
      const share = members(percent, salt).size / ids.length;
      // Binomial: 4 standard deviations at n = 10,000 is at most 2 percentage points.
      const sd = Math.sqrt(((percent / 100) * (1 - percent / 100)) / ids.length);
      expect(Math.abs(share - percent / 100)).toBeLessThan(4 * sd);
    }
  });

  it('holds back no one at 0%, and a raised share keeps everyone the lower one held', () => {
    const salt = newGlobalControlSalt();
    expect(members(0, salt).size).toBe(0);
    const five = members(5, salt);
    const ten = members(10, salt);
    const tenAgain = members(10, salt);
    expect([...five].every((id) => ten.has(id))).toBe(true);
    expect(ten.size).toBeGreaterThan(five.size);
    expect(tenAgain).toEqual(ten);
  });

  it('makes a new salt each time it is asked', () => {
    expect(newGlobalControlSalt()).not.toBe(newGlobalControlSalt());
    expect(newGlobalControlSalt()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
