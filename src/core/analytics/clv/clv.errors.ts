import { DomainError } from '../../shared/errors.js';

/**
 * A model cannot be fitted to these customers (too few, no repeat buyers, no positive spend, a
 * likelihood that is not finite anywhere it was tried) or cannot answer for the fit it was given.
 */
export class ModelFitError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('invalid', 'model_not_fittable', message, details);
    this.name = 'ModelFitError';
  }
}
