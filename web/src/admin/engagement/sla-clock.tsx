import { useEffect, useState } from 'react';
import { formatDateTime } from '../../shared/format';
import type { Complaint } from './types';

/** The current time, renewed every `ms`: what makes a clock tick. */
const useNow = (ms: number) => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
};

/** "2 d 3 h 05 min", "5 h 04 min 09 s", "12 min 09 s": seconds while under a day, so it ticks. */
export const formatSpan = (ms: number) => {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d} d ${h} h ${pad(m)} min`;
  if (h > 0) return `${h} h ${pad(m)} min ${pad(s % 60)} s`;
  return `${m} min ${pad(s % 60)} s`;
};

/**
 * Time left until the first staff reply is due, or how long it is overdue, ticking each second;
 * once the clock stopped (a staff reply, or resolution), whether that was on time. The server
 * gives the due time (sla.dueAt, from the target); the words say it all, the colour only helps.
 */
export const SlaClock = ({ sla }: { sla: Complaint['sla'] }) => {
  const now = useNow(1000);
  const due = Date.parse(sla.dueAt);
  if (sla.stoppedAt) {
    const late = Date.parse(sla.stoppedAt) - due;
    return late <= 0 ? (
      <span className="sla sla-met">Answered in time</span>
    ) : (
      <span className="sla sla-missed">Answered late, by {formatSpan(late)}</span>
    );
  }
  const left = due - now;
  return (
    <span
      className={`sla ${left < 0 ? 'sla-overdue' : 'sla-running'}`}
      role="timer"
      title={`Reply due ${formatDateTime(sla.dueAt)}`}
    >
      {left < 0 ? `Overdue by ${formatSpan(left)}` : `Reply due in ${formatSpan(left)}`}
    </span>
  );
};
