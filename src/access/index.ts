/** Access: accounts, role grants on units, sessions and passwords. */
export { accessRoutes, sessionCookie } from './access.routes.ts';
export { resolveSession, signIn, lockoutThreshold, lockoutMinutes } from './sessions.service.ts';
export { createUser, findUserId, resetPassword, getUser, listUsers } from './users.service.ts';
export { ensureAdministrator, ensurePlatformUnit, platformUnitName } from './bootstrap.ts';
export { hashPassword, verifyPassword, generatePassword } from './passwords.ts';
