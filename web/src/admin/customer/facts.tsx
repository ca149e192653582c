import type { ReactNode } from 'react';

export interface Fact {
  term: string;
  value: ReactNode;
  /** An accessible name for the value when tests or screen readers need to find it by name. */
  label?: string;
}

/** A definition list of label/value pairs, the Customer 360's way of showing a record. */
export const Facts = ({ facts, className }: { facts: Fact[]; className?: string }) => (
  <dl className={className ? `c360-facts ${className}` : 'c360-facts'}>
    {facts.map((f) => (
      <div key={f.term}>
        <dt>{f.term}</dt>
        <dd aria-label={f.label}>{f.value}</dd>
      </div>
    ))}
  </dl>
);

export const When = ({ iso, children }: { iso: string; children: ReactNode }) => (
  <time dateTime={iso}>{children}</time>
);
