import { describe, expect, it } from 'vitest';
import { complaintSla } from './complaint-sla.js';
import type { Complaint } from './feedback.js';

const at = (h: number) => new Date(Date.UTC(2026, 4, 4, 0) + h * 3_600_000);
const open: Complaint = {
  id: 'cmp_1',
  customerId: 'cus_1',
  subject: 's',
  body: 'b',
  channel: 'email',
  status: 'open',
  openedAt: at(0),
  firstResponseAt: null,
  resolvedAt: null,
  updatedAt: at(0),
  assigneeId: null,
  resolutionNote: null,
};

describe('complaint SLA clock', () => {
  it('is due target hours after opening; runs until then, then is overdue', () => {
    expect(complaintSla(open, 24, at(23))).toEqual({
      targetHours: 24,
      dueAt: at(24),
      stoppedAt: null,
      state: 'running',
    });
    expect(complaintSla(open, 24, at(24)).state).toBe('running');
    expect(complaintSla(open, 24, at(25)).state).toBe('overdue');
    expect(complaintSla(open, 1.5, at(0)).dueAt).toEqual(at(1.5));
  });

  it('stops at the first staff reply: met on time, missed late, whatever the clock says now', () => {
    const answered = { ...open, status: 'answered' as const, firstResponseAt: at(24) };
    expect(complaintSla(answered, 24, at(100))).toMatchObject({ state: 'met', stoppedAt: at(24) });
    const late = { ...answered, firstResponseAt: at(30) };
    expect(complaintSla(late, 24, at(31)).state).toBe('missed');
  });

  it('stops at resolution when a case is closed without a staff reply', () => {
    const resolved = { ...open, status: 'resolved' as const, resolvedAt: at(2) };
    expect(complaintSla(resolved, 24, at(100))).toMatchObject({ state: 'met', stoppedAt: at(2) });
  });
});
