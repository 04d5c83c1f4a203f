/** Audit: reading the trail that every write records through the store. */
export { auditRoutes } from './audit.routes.ts';
export { listAuditEntries } from './audit.service.ts';
