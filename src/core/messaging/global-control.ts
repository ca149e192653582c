import { randomBytes } from 'node:crypto';
import { stablePosition } from '../shared/stable-position.js';

/**
 * The global control group: a stable share of members held back from all marketing e-mail, so
 * the programme's effect can be measured against them later. Membership is a hash of the
 * programme's salt and the customer id, never stored: the same member stays in or out as long as
 * the salt does, and raising the share only adds members (a lower threshold on the same number).
 */

/** A new salt; made once and kept, because a new one would reshuffle who is in the group. */
export const newGlobalControlSalt = (): string => randomBytes(16).toString('base64url');

/** Where the customer falls in [0, 1) under the programme's salt (see stablePosition). */
export const controlPosition = (salt: string, customerId: string): number =>
  stablePosition(salt, customerId);

/** Whether the customer is held back from marketing under this share (0–100 percent). */
export const inGlobalControl = (
  settings: { globalControlPercent: number; globalControlSalt: string | null },
  customerId: string,
): boolean => {
  if (settings.globalControlPercent <= 0) return false;
  // Settings saved through the service always have a salt; a hand-written config without one
  // still gets a fixed, deterministic group rather than none.
  const salt = settings.globalControlSalt ?? '';
  return controlPosition(salt, customerId) < settings.globalControlPercent / 100;
};
