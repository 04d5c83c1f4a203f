/** Plans, sections, tasks, responsible units, targets (plans domain). */
import type { Generated } from 'kysely';
import type { CreatedAt, UpdatedAt, Numeric, JsonObject } from './columns.ts';

export interface PlanTable {
  id: Generated<string>;
  key: string;
  title: string;
  doc_number: string | null;
  issuer_unit_id: string | null;
  region_code: string;
  issued_on: string | null;
  start_date: string;
  end_date: string;
  schedule: JsonObject;
  lead_rule: string;
  sources: JsonObject;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PlanSectionTable {
  id: Generated<string>;
  plan_id: string;
  parent_section_id: string | null;
  position: number;
  number: string;
  title: string;
  clause: string | null;
}

export interface PlanTaskTable {
  id: Generated<string>;
  plan_id: string;
  section_id: string;
  position: number;
  number: string;
  title: string | null;
  text: string;
  clause: string;
  responsibility_text: string | null;
  lead_named_as: string | null;
  due_date: string | null;
}

export interface TaskUnitTable {
  task_id: string;
  unit_id: string;
  position: number;
  is_lead: boolean;
  named_as: string;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

export interface PlanTargetTable {
  id: Generated<string>;
  plan_id: string;
  key: string;
  indicator: string;
  region_code: string;
  comparator: string;
  value: Numeric;
  unit: string;
  deadline: string;
  text: string;
  clause: string;
  source: string | null;
  note: string | null;
}

export interface TargetMilestoneTable {
  target_id: string;
  position: number;
  due_by: string;
  share: Numeric | null;
  value: Numeric | null;
  text: string | null;
}

export interface TaskTargetTable {
  task_id: string;
  target_id: string;
}
