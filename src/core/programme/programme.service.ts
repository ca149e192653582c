import { DomainError } from '../shared/errors.js';
import { isKnownCurrency } from '../shared/money.js';
import {
  DEFAULT_PROGRAMME,
  type ProgrammeRepository,
  type ProgrammeSettings,
  type ProgrammeSettingsPatch,
} from './programme.js';

export interface ProgrammeDeps {
  programmeStore: ProgrammeRepository;
}

/** Stored settings over the defaults: a setting added later (publicUrl) reads as its default. */
export const getProgramme = async (deps: ProgrammeDeps): Promise<ProgrammeSettings> => ({
  ...DEFAULT_PROGRAMME,
  ...(await deps.programmeStore.get()),
});

const isKnownTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const updateProgramme = async (
  deps: ProgrammeDeps,
  patch: ProgrammeSettingsPatch,
): Promise<ProgrammeSettings> => {
  const next = { ...(await getProgramme(deps)), ...patch };
  if (!isKnownCurrency(next.currency)) {
    throw new DomainError('invalid', 'unknown_currency', `Unknown currency ${next.currency}`, {}, [
      { path: 'currency', message: `unknown ISO 4217 currency ${next.currency}` },
    ]);
  }
  if (!isKnownTimeZone(next.timeZone)) {
    throw new DomainError(
      'invalid',
      'unknown_time_zone',
      `Unknown time zone ${next.timeZone}`,
      {},
      [{ path: 'timeZone', message: `unknown IANA time zone ${next.timeZone}` }],
    );
  }
  await deps.programmeStore.save(next);
  return next;
};
