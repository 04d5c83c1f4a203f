/**
 * The shapes the server sends and accepts, exactly as they travel on the wire (dates are ISO strings).
 * They are defined once, in `src/contracts/`; this module only re-exports them under the names the web app
 * uses. Everything here is a type except the small constant lists, which carry no Zod.
 */
import type { z } from 'zod';
import type { periodList } from '../../src/contracts/plan-reports.contract.ts';

export { roles, unitKinds } from '../../src/contracts/constants.ts';
export type { Locale, RegionLevel, Role, UnitKind } from '../../src/contracts/constants.ts';
export type { Page } from '../../src/contracts/common.contract.ts';
export type { Region, UnitDetail, UnitSummary } from '../../src/contracts/org.contract.ts';
/** A unit's liaison person as a form edits it and the server accepts it (optional fields may be absent). */
export type { ContactInput as Contact } from '../../src/contracts/org.contract.ts';
export type { SessionView } from '../../src/contracts/access.contract.ts';
/** A role held on a unit. */
export type { GrantView as Grant } from '../../src/contracts/access.contract.ts';
/** The signed-in user with what the server allows them to do. */
export type { SessionUserView as SessionUser } from '../../src/contracts/access.contract.ts';
/** A user account as an administrator sees it. */
export type { UserView as User } from '../../src/contracts/access.contract.ts';
export type { AuditEntry } from '../../src/contracts/audit.contract.ts';
export type { PlanDetail, PlanSummary, SectionView, TargetView, TaskView } from '../../src/contracts/plans.contract.ts';
export type { ColourChangeView, PlanProgress, TargetProgressView } from '../../src/contracts/plan-progress.contract.ts';
export type {
  MyTaskView,
  ProgressStatus,
  PunctualityView,
  ReportDetail,
  ReportStatus,
  ReportSummary,
  Timeliness,
  UnitPunctuality,
} from '../../src/contracts/plan-reports.contract.ts';
/** A plan's reporting periods and the one being reported on today. */
export type PeriodList = z.output<typeof periodList>;
export type {
  BulletinContent,
  BulletinDetail,
  BulletinSection,
  BulletinSettingsView,
  BulletinStatus,
  BulletinSummary,
  ColoursSection,
  FigureTrace,
  ProblemsSection,
  PunctualitySection,
  RankingSection,
  RankingWeights,
  TargetsSection,
} from '../../src/contracts/plan-bulletins.contract.ts';
export type { ProblemCategory, ProblemSeverity, ProblemStatus } from '../../src/contracts/plan-problems-constants.ts';
export type { ProblemAbilities, ProblemDetail, ProblemEventView, ProblemListItem } from '../../src/contracts/plan-problems.contract.ts';
export type {
  ImportCommitResult,
  ImportPreview,
  ImportTaskPreview,
  UnitMapping,
  UnitResolution,
} from '../../src/contracts/plan-import.contract.ts';
