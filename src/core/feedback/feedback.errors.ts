import { DomainError, type FieldIssue } from '../shared/errors.js';

export const surveyNotFound = (id: string) =>
  new DomainError('not_found', 'survey_not_found', `No survey ${id}`, { surveyId: id }, [
    { path: 'id', message: `no survey ${id}` },
  ]);

/** Forged, tampered, malformed or for a survey that is gone: the same answer for all. */
export const surveyLinkNotFound = () =>
  new DomainError('not_found', 'survey_link_not_found', 'This survey link is not valid');

export const surveyKeyTaken = (key: string) =>
  new DomainError('conflict', 'survey_key_taken', `Another survey has the key ${key}`, { key }, [
    { path: 'key', message: 'another survey has this key' },
  ]);

export const surveyNotActive = (id: string, status: string) =>
  new DomainError(
    'conflict',
    'survey_not_active',
    `Survey ${id} is ${status}: it takes answers only while active`,
    { surveyId: id, status },
  );

export const surveyHasResponses = (id: string) =>
  new DomainError(
    'conflict',
    'survey_has_responses',
    `Survey ${id} has responses: its questions can no longer change (create a new survey)`,
    { surveyId: id },
    [{ path: 'questions', message: 'the survey has responses' }],
  );

/** Answers that do not fit the questions; the HTTP layer answers 400 naming each question. */
export const invalidAnswers = (issues: FieldIssue[]) =>
  new DomainError(
    'invalid',
    'invalid_answers',
    `The answers are invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    {},
    issues,
  );

/** Translations naming questions or options the survey does not have; 400 naming each. */
export const invalidSurveyTranslations = (issues: FieldIssue[]) =>
  new DomainError(
    'invalid',
    'invalid_survey_translations',
    `The translations do not fit the questions: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    {},
    issues,
  );

export const reviewIdReused = (externalId: string) =>
  new DomainError(
    'conflict',
    'review_external_id_reused',
    `Review ${externalId} was already recorded for another customer`,
    { externalId },
    [{ path: 'externalId', message: 'already used for another customer' }],
  );

export const complaintNotFound = (id: string) =>
  new DomainError('not_found', 'complaint_not_found', `No complaint ${id}`, { complaintId: id }, [
    { path: 'id', message: `no complaint ${id}` },
  ]);

export const unknownAssignee = (userId: string) =>
  new DomainError(
    'invalid',
    'unknown_assignee',
    `No active dashboard user ${userId} to give the case to`,
    { userId },
    [{ path: 'userId', message: `no active user ${userId}` }],
  );

export const complaintAlreadyResolved = (id: string) =>
  new DomainError('conflict', 'complaint_already_resolved', `Complaint ${id} is resolved already`, {
    complaintId: id,
  });

export const complaintNotResolved = (id: string, status: string) =>
  new DomainError(
    'conflict',
    'complaint_not_resolved',
    `Complaint ${id} is ${status}: only a resolved case can be reopened`,
    { complaintId: id, status },
  );
