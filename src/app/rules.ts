/**
 * Rule awards and the referral repositories the rule and referral use cases are wired with.
 *
 * Adapters (src/http, src/jobs, src/cli) reach the database through src/app only (lint enforces
 * it), so src/db can change shape without touching them.
 */
export { withReferrals } from '../db/referrals.repository.js';
export { customerAwards } from '../db/rules.repository.js';
export { simulationExperiments } from '../db/rules-experiments.queries.js';
export { ruleCatalogue, ruleVocabulary } from '../db/rules-catalogue.queries.js';
export type { RuleCatalogue } from '../db/rules-catalogue.queries.js';
