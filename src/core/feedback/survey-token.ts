import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A survey link names one survey and one customer, HMAC-SHA256 signed: `<payload>.<mac>`, both
 * base64url, the payload `<surveyId>:<customerId>`. The approach is the member card token's
 * (card-token.ts); the key is derived from the card secret under its own label, so a survey
 * token can never pass as a card token or the reverse. Pure: the key is a parameter.
 */
export const SURVEY_TOKEN_MAX_LENGTH = 300;
const LABEL = 'regulars/survey-link/v1';

export interface SurveyLinkSubject {
  surveyId: string;
  customerId: string;
}

/** The survey-link key, derived from the programme's card secret. */
export const surveyLinkKey = (cardSecret: Uint8Array): Buffer =>
  createHmac('sha256', cardSecret).update(LABEL, 'utf8').digest();

const mac = (key: Uint8Array, payload: string) =>
  createHmac('sha256', key).update(payload, 'utf8').digest().toString('base64url');

export const signSurveyToken = (key: Uint8Array, subject: SurveyLinkSubject): string => {
  if (!subject.surveyId || !subject.customerId || subject.surveyId.includes(':'))
    throw new Error('a survey token needs a survey id without ":" and a customer id');
  const payload = `${subject.surveyId}:${subject.customerId}`;
  return `${Buffer.from(payload, 'utf8').toString('base64url')}.${mac(key, payload)}`;
};

/** The survey and customer a token was signed for, or null for anything else. */
export const verifySurveyToken = (key: Uint8Array, token: string): SurveyLinkSubject | null => {
  if (token.length === 0 || token.length > SURVEY_TOKEN_MAX_LENGTH) return null;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const payload = Buffer.from(token.slice(0, dot), 'base64url').toString('utf8');
  const colon = payload.indexOf(':');
  if (colon <= 0 || colon === payload.length - 1) return null;
  const subject = { surveyId: payload.slice(0, colon), customerId: payload.slice(colon + 1) };
  // Compare the whole token with the one we would sign, so no character is forgiven.
  const expected = Buffer.from(signSurveyToken(key, subject), 'utf8');
  const given = Buffer.from(token, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return subject;
};
