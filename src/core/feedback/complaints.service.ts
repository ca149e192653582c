import { getCustomer } from '../customers/customers.service.js';
import type { CustomerRepository } from '../customers/customers.js';
import type { Clock } from '../shared/clock.js';
import type {
  Complaint,
  ComplaintEvent,
  ComplaintInput,
  ComplaintRepository,
  ComplaintStatus,
  ReplyInput,
} from './feedback.js';
import { complaintNotFound } from './feedback.errors.js';
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

export const afterStatus = (c: Complaint, status: ComplaintStatus, at: Date): Complaint => ({
  ...c,
  status,
  resolvedAt: status === 'resolved' ? at : null,
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

/** Sets the status; the same status again changes nothing and records nothing. */
export const setComplaintStatus = async (
  deps: ComplaintDeps,
  id: string,
  status: ComplaintStatus,
): Promise<ComplaintCase> => {
  const { complaint, seq } = await locked(deps, id);
  if (complaint.status === status) return caseOf(deps, complaint);
  const at = deps.clock.now();
  const next = afterStatus(complaint, status, at);
  await deps.complaints.appendEvent(next, {
    seq,
    kind: 'status',
    at,
    from: complaint.status,
    to: status,
  });
  await deps.complaints.update(next);
  return caseOf(deps, next);
};
