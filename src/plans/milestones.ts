/** Target milestones as stored (numeric columns arrive as strings) and as every reader of them uses them. */
import type { Selectable } from 'kysely';
import type { TargetMilestoneTable } from '../store/tables.ts';

/** A staged milestone: a share of the target or a value, due by a date, with the document's words. */
export interface Milestone {
  by: string;
  share: number | null;
  value: number | null;
  text: string | null;
}

/** A milestone row as a `Milestone`. */
export function milestoneOf(row: Pick<Selectable<TargetMilestoneTable>, 'due_by' | 'share' | 'value'> & { text?: string | null }): Milestone {
  return {
    by: row.due_by,
    share: row.share === null ? null : Number(row.share),
    value: row.value === null ? null : Number(row.value),
    text: row.text ?? null,
  };
}
