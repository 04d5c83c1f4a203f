/** The monitoring wire shapes the screens use, as types from the shared contracts (no Zod in the bundle). */
import type { z } from 'zod';
import type { childrenResult, seriesResult } from '../../../../src/contracts/monitor.contract.ts';
import type { regionDetail } from '../../../../src/contracts/org.contract.ts';

export type {
  DashboardItem,
  DashboardResult,
  FileFormInput,
  FormRule,
  FormView,
  IndicatorView,
  SubjectView,
  SubmissionView,
  ValueView,
} from '../../../../src/contracts/monitor.contract.ts';
export type { AlertBoard, AlertDetail, AlertListItem, AlertPrecision, RuleView, SilenceView, Thresholds } from '../../../../src/contracts/monitor-warnings.contract.ts';
export type { AlertLevel, AlertStatus, LevelName, RuleSourceKind, WarningKind } from '../../../../src/contracts/monitor-warnings-constants.ts';
export type { MonitorImportError, MonitorImportView, MonitorImportCommitResult } from '../../../../src/contracts/monitor-import.contract.ts';

export type { Frequency, SubmissionStatus } from '../../../../src/contracts/monitor-constants.ts';
export type { MonitorImportStatus } from '../../../../src/contracts/monitor-import-constants.ts';

/** The answer of `GET /api/monitor/series`. */
export type SeriesResult = z.output<typeof seriesResult>;

/** The answer of `GET /api/monitor/children`. */
export type ChildrenResult = z.output<typeof childrenResult>;

/** A region with its ancestors (`GET /api/regions/:code`). */
export type RegionDetail = z.output<typeof regionDetail>;
export type { Page } from '../../../../src/contracts/common.contract.ts';
