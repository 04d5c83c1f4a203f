/** Who may read the audit trail: administrators and auditors, within their jurisdiction. */
import { jurisdictionPrefixes, type Actor, type Role } from '../kernel/actor.ts';

const readers: readonly Role[] = ['admin', 'auditor'];

/** The region prefixes whose trail the actor may read; empty when none. */
export function auditPrefixes(actor: Actor): string[] {
  return jurisdictionPrefixes(actor, readers);
}
