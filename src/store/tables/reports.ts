/** Periodic reports, their events, attachments and figures, target figures, reminders (plans/reports). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Numeric, UpdatedAt } from './columns.ts';

export interface TaskReportTable {
  id: Generated<string>;
  task_id: string;
  unit_id: string;
  period: string;
  status: ColumnType<string, string | undefined, string>;
  progress_status: string;
  narrative: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  submitted_at: Date | null;
  submitted_by: string | null;
  first_submitted_at: Date | null;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  review_comment: string | null;
  version: ColumnType<number, number | undefined, number>;
}

export interface ReportEventTable {
  id: Generated<number>;
  report_id: string;
  at: CreatedAt;
  actor_id: string | null;
  actor_name: string;
  from_status: string | null;
  to_status: string;
  comment: string | null;
}

export interface ReportAttachmentTable {
  report_id: string;
  file_id: string;
}

export interface ReportFigureTable {
  report_id: string;
  target_id: string;
  region_code: string;
  value: Numeric;
}

export interface TargetFigureTable {
  id: Generated<string>;
  target_id: string;
  region_code: string;
  period: string;
  as_of: string;
  value: Numeric;
  report_id: string | null;
  unit_id: string;
  recorded_at: CreatedAt;
  accepted: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ReportReminderTable {
  unit_id: string;
  plan_id: string;
  period: string;
  kind: string;
  sent_at: CreatedAt;
}
