/** The wire shapes of accounts, grants and the session. */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { pagingQuery, timestamp } from './common.contract.ts';
import { locales, roles } from './constants.ts';

/** A role a user can hold on a unit. */
export const role = z.enum(roles);
/** An interface language. */
export const locale = z.enum(locales);
/** A sign-in name. */
export const username = z.string().trim().regex(/^[A-Za-z0-9._@-]{3,64}$/, bilingual('应为 3 到 64 个字母、数字或 . _ @ -', 'use 3 to 64 letters, digits or . _ @ -'));
/** The name shown for a user. */
export const displayName = z.string().trim().min(1).max(50);
const password = z.string().min(1).max(128);

/** A role to grant on a unit. */
export const grantInput = z.strictObject({ role, unitId: z.uuid() });

/** A role held on a unit, with the unit's and region's names. */
export const grantView = z.object({
  id: z.string(),
  role,
  unitId: z.string(),
  unitName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
});

/** An account as an administrator sees it. */
export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  locale,
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: timestamp,
  grants: z.array(grantView),
});

/** `GET /api/users`: accounts matching a name, paged. */
export const listUsersQuery = z.strictObject({ q: z.string().trim().max(64).optional(), ...pagingQuery });

/** `POST /api/users`. */
export const createUserInput = z.strictObject({
  username,
  displayName,
  /** Omit to have a random password generated, shown once, and changed at first sign-in. */
  password: password.optional(),
  grants: z.array(grantInput).min(1).max(20),
});

/** The answer to `POST /api/users`: the account and, when none was given, its generated first password. */
export const createdUser = z.object({ user: userView, initialPassword: z.string().optional() });

/** `PATCH /api/users/:id`. */
export const updateUserInput = z.strictObject({ displayName: displayName.optional(), disabled: z.boolean().optional() });

/** The answer to `POST /api/users/:id/reset-password`. */
export const passwordReset = z.object({ temporaryPassword: z.string() });

/** `POST /api/session/login`. */
export const loginInput = z.strictObject({ username: z.string().trim().min(1).max(64), password });
/** `POST /api/session/password`. */
export const changePasswordInput = z.strictObject({ currentPassword: password, newPassword: password });
/** `PATCH /api/session/preferences`. */
export const preferencesInput = z.strictObject({ locale });

/** The signed-in user with what the server allows them to do. */
export const sessionUserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  locale,
  mustChangePassword: z.boolean(),
  grants: z.array(grantView),
  abilities: z.object({
    manageUsers: z.boolean(),
    manageUnits: z.boolean(),
    readAudit: z.boolean(),
    /** Import plans, review reports, publish bulletins (within the jurisdiction). */
    managePlans: z.boolean(),
    reportOnTasks: z.boolean(),
    logProblems: z.boolean(),
    /** Monitoring: see figures and dashboards, enter figures, manage forms and submissions, define indicators. */
    viewMonitor: z.boolean(),
    enterMonitorValues: z.boolean(),
    manageMonitor: z.boolean(),
    manageIndicators: z.boolean(),
  }),
});

/** `GET /api/session` and `POST /api/session/login`: the user (or null) and a CSRF token. */
export const sessionView = z.object({
  user: sessionUserView.nullable(),
  csrfToken: z.string(),
});

export type { Locale, Role } from './constants.ts';
/** A role to grant on a unit. */
export type GrantInput = z.input<typeof grantInput>;
/** A role held on a unit. */
export type GrantView = z.output<typeof grantView>;
/** An account as an administrator sees it. */
export type UserView = z.output<typeof userView>;
/** Query of `GET /api/users` (limit and offset default to 50 and 0). */
export type ListUsersQuery = z.input<typeof listUsersQuery>;
/** Body of `POST /api/users`. */
export type CreateUserInput = z.input<typeof createUserInput>;
/** Answer to `POST /api/users`. */
export type CreatedUser = z.output<typeof createdUser>;
/** Body of `PATCH /api/users/:id`. */
export type UpdateUserInput = z.input<typeof updateUserInput>;
/** Answer to `POST /api/users/:id/reset-password`. */
export type PasswordReset = z.output<typeof passwordReset>;
/** Body of `POST /api/session/login`. */
export type LoginInput = z.input<typeof loginInput>;
/** Body of `POST /api/session/password`. */
export type ChangePasswordInput = z.input<typeof changePasswordInput>;
/** Body of `PATCH /api/session/preferences`. */
export type PreferencesInput = z.input<typeof preferencesInput>;
/** The signed-in user with their abilities. */
export type SessionUserView = z.output<typeof sessionUserView>;
/** The session as the server presents it. */
export type SessionView = z.output<typeof sessionView>;
