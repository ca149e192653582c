import { DomainError, type FieldIssue } from '../shared/errors.js';

export const templateNotFound = (key: string, path = 'templateKey') =>
  new DomainError('not_found', 'template_not_found', `No message template ${key}`, { key }, [
    { path, message: 'no template has this key' },
  ]);

export const templateKeyTaken = (key: string) =>
  new DomainError('conflict', 'template_key_taken', `A template with key ${key} exists`, { key }, [
    { path: 'key', message: 'already used' },
  ]);

export const templateInvalid = (issues: FieldIssue[]) =>
  new DomainError(
    'invalid',
    'template_invalid',
    'A template does not compile: see errors',
    {},
    issues,
  );

export const messageNotFound = (id: string) =>
  new DomainError('not_found', 'message_not_found', `No message ${id}`, { message: id });

export const campaignNotFound = (id: string) =>
  new DomainError('not_found', 'campaign_not_found', `No campaign ${id}`, { campaign: id });

export const segmentNotFound = (id: string) =>
  new DomainError('not_found', 'segment_not_found', `No segment ${id}`, { segment: id }, [
    { path: 'segmentId', message: 'no segment has this id' },
  ]);

export const unsubscribeTokenInvalid = () =>
  new DomainError('not_found', 'unsubscribe_token_invalid', 'This unsubscribe link is not valid');

export const journeyInvalid = (issues: FieldIssue[]) =>
  new DomainError(
    'invalid',
    'journey_invalid',
    'The journey cannot be saved: see errors',
    {},
    issues,
  );
