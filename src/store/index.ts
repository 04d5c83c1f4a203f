/** The store: one database on two engines, its migrations, audit trail and backups. */
export { openStore, redactUrl, type Engine, type Store, type StoreOptions } from './database.ts';
export { migrate, appliedMigrations, listMigrations } from './migrate.ts';
export { recordAudit, type AuditActor, type AuditEntry, type WriteContext } from './audit.ts';
export { backupDatabase, restoreDatabase } from './backup.ts';
export { isUniqueViolation } from './errors.ts';
export { sharedSecret } from './secrets.ts';
export type * from './tables.ts';
