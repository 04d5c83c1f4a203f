/** A report's transitions (submitted, returned with a comment, accepted) as a timeline. */
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { reportStatusColour } from './statuses.ts';
import type { ReportDetail } from '../../types.ts';

const timelineColour: Record<string, string> = { default: 'gray', processing: 'blue', warning: 'orange', success: 'green' };

/** The timeline, oldest first. */
export function ReportHistory({ events }: { events: ReportDetail['events'] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <Typography.Text type="secondary">{t('reports.noHistory')}</Typography.Text>;
  return (
    <Timeline
      data-testid="report-history"
      items={events.map((event, index) => ({
        key: `${event.at}:${index}`,
        color: timelineColour[reportStatusColour[event.toStatus]],
        content: (
          <>
            <Typography.Text type="secondary">{formatDateTime(event.at)}</Typography.Text> {event.actorName}{' '}
            {t(`reportEvents.${event.toStatus}`)}
            {event.comment && <Typography.Paragraph style={{ margin: 0 }}>{event.comment}</Typography.Paragraph>}
          </>
        ),
      }))}
    />
  );
}
