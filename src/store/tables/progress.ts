/** Colour rules, allocation, colour states and their history (plans/progress). */
import type { ColumnType, Generated } from 'kysely';

/** The columns 0005 adds to `plan`. */
export interface PlanColourRulesColumns {
  /** jsonb `{ yellowSlip, redSlip, blueDays }`; null for the defaults. Written as JSON text. */
  colour_rules: ColumnType<unknown, string | null | undefined, string | null>;
}

/** The columns 0005 adds to `plan_target`. */
export interface PlanTargetAllocationColumns {
  /** The target this one is a region's share of. */
  parent_target_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ColourStateTable {
  entity_type: 'task' | 'target';
  entity_id: string;
  plan_id: string;
  colour: string;
  since: Date;
  reason: string;
}

export interface ColourChangeTable {
  id: Generated<string>;
  entity_type: 'task' | 'target';
  entity_id: string;
  plan_id: string;
  at: Date;
  from_colour: string | null;
  to_colour: string;
  reason: string;
}
