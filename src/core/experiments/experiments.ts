import { z } from 'zod';
import type { Variant } from './assignment.js';
import { JOURNEYS } from '../messaging/messaging.js';

/**
 * An experiment as stored: who is in it (the population), the arms and what each changes, what it
 * reaches (campaigns and journeys; earning rules name it in a condition), and how its results are
 * measured. Statuses go draft → running → stopped and never back; arms are fixed once running,
 * because a customer's arm is a hash of the salt over the cumulative weights.
 */

export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export const EXPOSURE_SOURCES = ['start', 'entry', 'rule', 'message', 'offer'] as const;
/** Why a customer was first counted: in the population at start, or first touched by a treatment. */
export type ExposureSource = (typeof EXPOSURE_SOURCES)[number];

const KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const key = z
  .string()
  .regex(KEY, 'lowercase letters, digits, - or _ (at most 64), e.g. double-points-q1');
/** An experiment's (or a variant's) key: rules name it in `customer.experiment` conditions. */
export const ExperimentKeySchema = key;

export const VariantSchema = z
  .object({
    key,
    name: z.string().trim().min(1).max(200),
    weight: z.number().positive().max(1_000_000),
    control: z.boolean().default(false),
    /** Receives none of the targeted campaigns' and journeys' e-mails (a holdout). */
    holdout: z.boolean().default(false),
    /** Sends this template instead of the campaign's or journey's own. */
    templateKey: z.string().min(1).max(100).nullable().default(null),
    /** Offers this arm alone sees; a reward any arm names is hidden from the other arms. */
    rewardIds: z.array(z.string().min(1).max(100)).max(50).default([]),
  })
  .strict();
export type ExperimentVariant = z.infer<typeof VariantSchema> & Variant;

export const PopulationSchema = z
  .object({
    /** null: every member. */
    segmentId: z.string().min(1).max(100).nullable().default(null),
    /** fixed: the members at start, exposed then; open: newcomers join when they enter. */
    entry: z.enum(['fixed', 'open']).default('fixed'),
  })
  .strict();
export type Population = z.infer<typeof PopulationSchema>;

export const TargetsSchema = z
  .object({
    campaignIds: z.array(z.string().min(1).max(100)).max(100).default([]),
    journeys: z.array(z.enum(JOURNEYS)).max(JOURNEYS.length).default([]),
  })
  .strict();
export type ExperimentTargets = z.infer<typeof TargetsSchema>;

export const MetricSettingsSchema = z
  .object({
    /** Days after exposure each customer's outcomes are counted over (repeat rate, revenue …). */
    horizonDays: z.number().int().min(1).max(730).default(60),
    /** A customer without an order this many days after exposure counts as churned. */
    churnDays: z.number().int().min(1).max(730).default(90),
    /** Days before exposure whose spend and orders are the CUPED covariates. */
    preDays: z.number().int().min(1).max(1095).default(365),
  })
  .strict();
export type MetricSettings = z.infer<typeof MetricSettingsSchema>;

export interface Experiment {
  id: string;
  key: string;
  name: string;
  hypothesis: string;
  status: ExperimentStatus;
  /** Made once at creation; the arms of every customer follow from it. */
  salt: string;
  population: Population;
  variants: ExperimentVariant[];
  targets: ExperimentTargets;
  metrics: MetricSettings;
  /** Allowed to share customers and targets with other running experiments. */
  orthogonal: boolean;
  plannedStartAt: Date | null;
  plannedEndAt: Date | null;
  startedAt: Date | null;
  stoppedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Exposure {
  experimentId: string;
  customerId: string;
  variant: string;
  exposedAt: Date;
  source: ExposureSource;
}

/** The experiments' storage. */
export interface ExperimentStore {
  insert(experiment: Experiment): Promise<void>;
  update(experiment: Experiment): Promise<void>;
  byId(id: string): Promise<Experiment | null>;
  byKey(key: string): Promise<Experiment | null>;
  list(filter: { status?: ExperimentStatus }): Promise<Experiment[]>;
  /**
   * Records each customer's first exposure; a customer already exposed keeps their first record.
   * Returns how many were new.
   */
  recordExposures(exposures: Exposure[]): Promise<number>;
  /**
   * Exposes every member of a fixed population at `at` in one statement, each with the arm
   * `variantFor` gives (computed in SQL with the same hash). Returns how many.
   */
  exposePopulation(experiment: Experiment, at: Date): Promise<number>;
  /** The customer's exposures, newest experiment first. */
  exposuresOf(customerId: string): Promise<Exposure[]>;
  /** Exposures per arm. */
  exposureCounts(experimentId: string): Promise<Record<string, number>>;
}
