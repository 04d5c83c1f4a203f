/** Small tags for a report's state, its progress status and its timeliness. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { progressStatusColour, reportStatusColour, timelinessColour } from './statuses.ts';
import type { ProgressStatus, ReportStatus, Timeliness } from '../../types.ts';

/** The report's workflow state. */
export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={reportStatusColour[status]} data-testid="report-status" data-status={status}>
      {t(`reportStatuses.${status}`)}
    </Tag>
  );
}

/** What the unit said about the task's progress. */
export function ProgressStatusTag({ status }: { status: ProgressStatus }) {
  const { t } = useTranslation();
  return <Tag color={progressStatusColour[status]}>{t(`progressStatuses.${status}`)}</Tag>;
}

/** On time, late, missing or not yet due. */
export function TimelinessTag({ timeliness }: { timeliness: Timeliness }) {
  const { t } = useTranslation();
  return <Tag color={timelinessColour[timeliness]}>{t(`timeliness.${timeliness}`)}</Tag>;
}
