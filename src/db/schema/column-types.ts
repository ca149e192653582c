import type { ColumnType } from 'kysely';

/** Column types shared by the tables: how timestamps and JSON go in and come out. */

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
/** A timestamp the database fills in (default now()) when an insert leaves it out. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Stored JSON: written as JSON text, read back parsed. */
export type Json<T> = ColumnType<T, string, string>;
/** Stored JSON with a database default ('{}'), which an insert that leaves it out gets. */
export type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;
