import type { Complaint } from './feedback.js';

/**
 * A case's service-level clock. The first staff reply is due `targetHours` after the case was
 * opened. The clock stops at that reply, or at resolution if the case is closed without one:
 * - `running`: not stopped, due in the future;
 * - `overdue`: not stopped, due in the past (the team owes an answer);
 * - `met` / `missed`: stopped on or before / after the due time.
 */
export type SlaState = 'running' | 'overdue' | 'met' | 'missed';

export interface ComplaintSla {
  targetHours: number;
  dueAt: Date;
  state: SlaState;
  /** When the clock stopped: the first staff reply, else the resolution; null while it runs. */
  stoppedAt: Date | null;
}

export const complaintSla = (c: Complaint, targetHours: number, now: Date): ComplaintSla => {
  const dueAt = new Date(c.openedAt.getTime() + Math.round(targetHours * 3_600_000));
  const stoppedAt = c.firstResponseAt ?? (c.status === 'resolved' ? c.resolvedAt : null);
  if (stoppedAt)
    return { targetHours, dueAt, stoppedAt, state: stoppedAt <= dueAt ? 'met' : 'missed' };
  return { targetHours, dueAt, stoppedAt: null, state: now > dueAt ? 'overdue' : 'running' };
};
