/** The wire shapes of plans: the list, and one plan as a tree of sections, tasks, units and targets. */
import { z } from 'zod';
import { timestamp } from './common.contract.ts';

const isoDate = z.string().describe('calendar date YYYY-MM-DD');

export const planSummary = z.object({
  id: z.string(),
  key: z.string(),
  title: z.string(),
  docNumber: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  start: isoDate,
  end: isoDate,
  leadRule: z.enum(['first-listed', 'named', 'none']),
  taskCount: z.number().int(),
  targetCount: z.number().int(),
});

export const taskUnitView = z.object({
  unitId: z.string(),
  name: z.string(),
  regionCode: z.string(),
  /** The name the document used for this unit (州人社局, 各县(市)). */
  namedAs: z.string(),
  isLead: z.boolean(),
  acknowledgedAt: timestamp.nullable(),
});

export const taskView = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string().nullable(),
  text: z.string(),
  clause: z.string(),
  responsibilityText: z.string().nullable(),
  leadNamedAs: z.string().nullable(),
  due: isoDate.nullable(),
  units: z.array(taskUnitView),
  targetIds: z.array(z.string()),
});

export interface SectionView {
  id: string;
  number: string;
  title: string;
  clause: string | null;
  tasks: z.output<typeof taskView>[];
  sections: SectionView[];
}

export const sectionView: z.ZodType<SectionView> = z.lazy(() =>
  z.object({
    id: z.string(),
    number: z.string(),
    title: z.string(),
    clause: z.string().nullable(),
    tasks: z.array(taskView),
    sections: z.array(sectionView),
  }),
);

export const targetView = z.object({
  id: z.string(),
  key: z.string(),
  indicator: z.string(),
  regionCode: z.string(),
  comparator: z.enum(['>=', '<=', '=']),
  value: z.number(),
  unit: z.string(),
  deadline: isoDate,
  text: z.string(),
  clause: z.string(),
  source: z.string().nullable(),
  note: z.string().nullable(),
  milestones: z.array(z.object({ by: isoDate, share: z.number().nullable(), value: z.number().nullable(), text: z.string().nullable() })),
});

export const planDetail = z.object({
  id: z.string(),
  key: z.string(),
  title: z.string(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  regionCode: z.string(),
  issuedOn: isoDate.nullable(),
  start: isoDate,
  end: isoDate,
  schedule: z.unknown(),
  leadRule: z.enum(['first-listed', 'named', 'none']),
  sources: z.unknown(),
  sections: z.array(sectionView),
  targets: z.array(targetView),
});

export type PlanSummary = z.output<typeof planSummary>;
export type PlanDetail = z.output<typeof planDetail>;
export type TaskView = z.output<typeof taskView>;
export type TargetView = z.output<typeof targetView>;
