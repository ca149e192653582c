import { z } from 'zod';

/**
 * The programme's settings: how points are earned, how long they wait and live, and what one
 * point is worth (for the liability report). One programme per installation for now.
 */
export const ProgrammeSettingsSchema = z.object({
  /** ISO 4217 currency the programme earns in; orders in other currencies earn nothing. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** Whole points per whole currency unit (1 = one point per pound). */
  pointsPerCurrencyUnit: z.number().int().min(0).max(10_000),
  /** Days after an order during which its points stay pending because it may be returned. */
  returnWindowDays: z.number().int().min(0).max(365),
  /** Days a posted lot of points lives before it expires; null means points never expire. */
  expiryDays: z.number().int().min(1).max(3650).nullable(),
  /** Value of one point in thousandths of a minor unit (1000 = one penny per point). */
  pointValueMilliMinor: z.number().int().min(0).max(1_000_000_000),
  /** IANA time zone for calendar logic (birthdays, periods). Storage is always UTC. */
  timeZone: z.string().min(1),
  /**
   * Where the members reach this server (https://loyalty.shop.example): the start of every link
   * sent to them (referral, survey, unsubscribe). Null: the server's own public URL
   * (REGULARS_PUBLIC_URL). A setting, not only an environment variable, so a manager who moves
   * the programme to its own domain can change it without a restart.
   */
  publicUrl: z
    .url({
      protocol: /^https?$/,
      error: 'must be an http(s) URL, e.g. https://loyalty.shop.example',
    })
    .max(500)
    .nullable(),
});

export type ProgrammeSettings = z.infer<typeof ProgrammeSettingsSchema>;

export const ProgrammeSettingsPatchSchema = ProgrammeSettingsSchema.partial();
export type ProgrammeSettingsPatch = z.infer<typeof ProgrammeSettingsPatchSchema>;

export const DEFAULT_PROGRAMME: ProgrammeSettings = {
  currency: 'GBP',
  pointsPerCurrencyUnit: 1,
  returnWindowDays: 14,
  expiryDays: 365,
  pointValueMilliMinor: 1000,
  timeZone: 'Europe/London',
  publicUrl: null,
};

/** The base of a link sent to members: the programme's public URL, else the server's. */
export const linkBase = (programme: Pick<ProgrammeSettings, 'publicUrl'>, serverUrl: string) =>
  (programme.publicUrl ?? serverUrl).replace(/\/+$/, '');

export interface ProgrammeRepository {
  get(): Promise<ProgrammeSettings | null>;
  save(settings: ProgrammeSettings): Promise<void>;
}
