import { invalidStatisticInput } from './experiments.errors.js';

export interface Interval {
  lower: number;
  upper: number;
}

export const DEFAULT_CONFIDENCE = 0.95;

export const checkConfidence = (confidence: number): void => {
  if (!Number.isFinite(confidence) || confidence <= 0 || confidence >= 1) {
    throw invalidStatisticInput('confidence', 'must be strictly between 0 and 1');
  }
};
