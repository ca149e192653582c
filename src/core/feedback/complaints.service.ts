import { getCustomer } from '../customers/customers.service.js';
import type { CustomerRepository } from '../customers/customers.js';
import type { Clock } from '../shared/clock.js';
import type {
  AssignInput,
  Complaint,
  ComplaintAssignees,
  ComplaintEvent,
  ComplaintInput,
  ComplaintRepository,
  ComplaintStatus,
  ReplyInput,
  ResolveInput,
} from './feedback.js';
import {
  complaintAlreadyResolved,
  complaintNotFound,
  complaintNotResolved,
  unknownAssignee,
} from './feedback.errors.js';
import { feedbackId } from './feedback.ids.js';

export interface ComplaintDeps {
  complaints: ComplaintRepository;
  customers: CustomerRepository;
  clock: Clock;
}

/** A case with its history, oldest event first. */
export interface ComplaintCase {
  complaint: Complaint;
  events: ComplaintEvent[];
}

/**
 * How a case moves, pure. The first staff reply sets first_response_at and answers an open case;
 * a customer's reply to an answered case opens it again. Resolving stamps resolved_at; leaving
 * `resolved` clears it (the history keeps every step).
 */
export const afterReply = (c: Complaint, by: ReplyInput['by'], at: Date): Complaint => {
  if (by === 'staff')
    return {
      ...c,
      firstResponseAt: c.firstResponseAt ?? at,
      status: c.status === 'open' ? 'answered' : c.status,
      updatedAt: at,
    };
  return { ...c, status: c.status === 'answered' ? 'open' : c.status, updatedAt: at };
};

export const afterStatus = (
  c: Complaint,
  status: ComplaintStatus,
  at: Date,
  note: string | null = null,
): Complaint => ({
  ...c,
  status,
  resolvedAt: status === 'resolved' ? at : null,
  resolutionNote: status === 'resolved' ? note : null,
  updatedAt: at,
});

const caseOf = async (deps: ComplaintDeps, complaint: Complaint): Promise<ComplaintCase> => ({
  complaint,
  events: await deps.complaints.events(complaint.id),
});

export const openComplaint = async (
  deps: ComplaintDeps,
  input: ComplaintInput,
): Promise<ComplaintCase> => {
  const customer = await getCustomer(deps, input.customerId);
  const at = deps.clock.now();
  const complaint: Complaint = {
    id: feedbackId('complaint'),
    customerId: customer.id,
    subject: input.subject,
    body: input.body,
    channel: input.channel,
    status: 'open',
    openedAt: at,
    firstResponseAt: null,
    resolvedAt: null,
    updatedAt: at,
    assigneeId: null,
    resolutionNote: null,
  };
  await deps.complaints.insert(complaint);
  await deps.complaints.appendEvent(complaint, { seq: 1, kind: 'opened', at, body: input.body });
  return caseOf(deps, complaint);
};

export const getComplaint = async (deps: ComplaintDeps, id: string): Promise<ComplaintCase> => {
  const complaint = await deps.complaints.findById(id);
  if (!complaint) throw complaintNotFound(id);
  return caseOf(deps, complaint);
};

const locked = async (deps: ComplaintDeps, id: string) => {
  const complaint = await deps.complaints.lock(id);
  if (!complaint) throw complaintNotFound(id);
  return { complaint, seq: (await deps.complaints.lastSeq(id)) + 1 };
};

export const replyToComplaint = async (
  deps: ComplaintDeps,
  id: string,
  input: ReplyInput,
): Promise<ComplaintCase> => {
  const { complaint, seq } = await locked(deps, id);
  const at = deps.clock.now();
  const next = afterReply(complaint, input.by, at);
  await deps.complaints.appendEvent(next, {
    seq,
    kind: 'reply',
    at,
    by: input.by,
    body: input.body,
  });
  if (next.status !== complaint.status)
    await deps.complaints.appendEvent(next, {
      seq: seq + 1,
      kind: 'status',
      at,
      from: complaint.status,
      to: next.status,
    });
  await deps.complaints.update(next);
  return caseOf(deps, next);
};

const changeStatus = async (
  deps: ComplaintDeps,
  { complaint, seq }: { complaint: Complaint; seq: number },
  status: ComplaintStatus,
  note: string | null = null,
): Promise<ComplaintCase> => {
  const at = deps.clock.now();
  const next = afterStatus(complaint, status, at, note);
  await deps.complaints.appendEvent(next, {
    seq,
    kind: 'status',
    at,
    from: complaint.status,
    to: status,
    ...(note === null ? {} : { note }),
  });
  await deps.complaints.update(next);
  return caseOf(deps, next);
};

/** Sets the status; the same status again changes nothing and records nothing. */
export const setComplaintStatus = async (
  deps: ComplaintDeps,
  id: string,
  status: ComplaintStatus,
): Promise<ComplaintCase> => {
  const current = await locked(deps, id);
  if (current.complaint.status === status) return caseOf(deps, current.complaint);
  return changeStatus(deps, current, status);
};

/** Resolves a case with a note saying how; a resolved case cannot be resolved again. */
export const resolveComplaint = async (
  deps: ComplaintDeps,
  id: string,
  input: ResolveInput,
): Promise<ComplaintCase> => {
  const current = await locked(deps, id);
  if (current.complaint.status === 'resolved') throw complaintAlreadyResolved(id);
  return changeStatus(deps, current, 'resolved', input.note);
};

/**
 * Reopens a resolved case: back to `answered` if staff had replied (the first response stands),
 * else to `open`.
 */
export const reopenComplaint = async (deps: ComplaintDeps, id: string): Promise<ComplaintCase> => {
  const current = await locked(deps, id);
  const { complaint } = current;
  if (complaint.status !== 'resolved') throw complaintNotResolved(id, complaint.status);
  return changeStatus(deps, current, complaint.firstResponseAt ? 'answered' : 'open');
};

/** Gives the case to an active dashboard user, or to nobody; the same assignee records nothing. */
export const assignComplaint = async (
  deps: ComplaintDeps & { assignees: ComplaintAssignees },
  id: string,
  input: AssignInput,
): Promise<ComplaintCase> => {
  const { complaint, seq } = await locked(deps, id);
  if (input.userId !== null && !(await deps.assignees.isActiveUser(input.userId)))
    throw unknownAssignee(input.userId);
  if (complaint.assigneeId === input.userId) return caseOf(deps, complaint);
  const at = deps.clock.now();
  const next: Complaint = { ...complaint, assigneeId: input.userId, updatedAt: at };
  await deps.complaints.appendEvent(next, { seq, kind: 'assigned', at, assigneeId: input.userId });
  await deps.complaints.update(next);
  return caseOf(deps, next);
};
