/**
 * Member cards: each member has at most one active card at a time. The card id is what the QR
 * token signs (see card-token.ts); rotating a card revokes the old one so its token stops working.
 */

export interface MemberCard {
  id: string;
  customerId: string;
  issuedAt: Date;
  revokedAt: Date | null;
}

/** What store staff see after scanning a card. */
export interface MemberTier {
  code: string;
  name: string;
}

/** `crd_` and a ULID: anything else cannot be a card, whatever a token says. */
export const CARD_ID_PATTERN = /^crd_[0-9A-HJKMNP-TV-Z]{26}$/;

export const isActive = (card: MemberCard): boolean => card.revokedAt === null;

export interface CardRepository {
  findById(cardId: string): Promise<MemberCard | null>;
  findActive(customerId: string): Promise<MemberCard | null>;
  /** Inserts `card` unless the customer already has an active card; returns the active card. */
  issueIfNone(card: MemberCard): Promise<MemberCard>;
  /** Revokes the customer's active card, if any. */
  revokeActive(customerId: string, at: Date): Promise<void>;
  /**
   * The member's current tier, read for the POS view only (until the tiers module offers a read
   * of its own); null when the member has none.
   */
  tierOf(customerId: string): Promise<MemberTier | null>;
}

/** Where the generated card secret is kept so tokens survive restarts. Values are base64url. */
export interface CardSecretStore {
  read(): Promise<string | null>;
  /** True when this call stored `value`; false when a secret was already there. */
  insertIfAbsent(value: string, at: Date): Promise<boolean>;
  /** False when the store writes inside a transaction that may still roll back. */
  readonly commitsAtOnce: boolean;
}
