/** Column types shared by the table declarations. */
import type { ColumnType } from 'kysely';

/** Set by the database on insert, never updated. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** Set on insert and on every update. */
export type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A jsonb column written as JSON text, nullable. */
export type Json = ColumnType<unknown, string | null, string | null>;
/** A jsonb column written as JSON text. */
export type JsonObject = ColumnType<unknown, string, string>;
/** A numeric column: read as a string to keep its precision, written as a number or string. */
export type Numeric = ColumnType<string, string | number, string | number>;
