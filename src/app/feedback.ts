/**
 * Surveys, reviews, complaints, satisfaction scores and the customer timeline.
 *
 * Adapters (src/http, src/jobs, src/cli) reach the database through src/app only (lint enforces
 * it), so src/db can change shape without touching them.
 */
export { complaintAssignees, complaintRepository } from '../db/feedback/complaints.repository.js';
export { reviewRepository } from '../db/feedback/reviews.repository.js';
export { scoresQueries } from '../db/feedback/scores.queries.js';
export { surveyRepository } from '../db/feedback/surveys.repository.js';
export { timelineQueries } from '../db/feedback/timeline.queries.js';
