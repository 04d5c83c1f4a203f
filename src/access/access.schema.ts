/** The shapes of accounts, grants and the session on the wire. */
import { z } from 'zod';
import { roles } from '../kernel/actor.ts';
import { bilingual } from '../kernel/errors.ts';

export const role = z.enum(roles);
export const locale = z.enum(['zh-CN', 'en']);
export const username = z.string().trim().regex(/^[A-Za-z0-9._@-]{3,64}$/, bilingual('应为 3 到 64 个字母、数字或 . _ @ -', 'use 3 to 64 letters, digits or . _ @ -'));
export const displayName = z.string().trim().min(1).max(50);
const password = z.string().min(1).max(128);

export const grantInput = z.strictObject({ role, unitId: z.uuid() });

export const grantView = z.object({
  id: z.string(),
  role,
  unitId: z.string(),
  unitName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
});

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  locale,
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.date(),
  grants: z.array(grantView),
});

export const createUserInput = z.strictObject({
  username,
  displayName,
  /** Omit to have a random password generated, shown once, and changed at first sign-in. */
  password: password.optional(),
  grants: z.array(grantInput).min(1).max(20),
});

export const updateUserInput = z.strictObject({ displayName: displayName.optional(), disabled: z.boolean().optional() });

export const loginInput = z.strictObject({ username: z.string().trim().min(1).max(64), password });
export const changePasswordInput = z.strictObject({ currentPassword: password, newPassword: password });
export const preferencesInput = z.strictObject({ locale });

export const sessionView = z.object({
  user: z
    .object({
      id: z.string(),
      username: z.string(),
      displayName: z.string(),
      locale,
      mustChangePassword: z.boolean(),
      grants: z.array(grantView),
      abilities: z.object({ manageUsers: z.boolean(), manageUnits: z.boolean(), readAudit: z.boolean() }),
    })
    .nullable(),
  csrfToken: z.string(),
});

export type CreateUserInput = z.infer<typeof createUserInput>;
export type UpdateUserInput = z.infer<typeof updateUserInput>;
export type GrantInput = z.infer<typeof grantInput>;
