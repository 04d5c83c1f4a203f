/** A problem's history: logging, assignment, escalation, 挂牌督办, progress, resolution, 销号, 回头看. */
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import type { ProblemEventView } from '../../types.ts';

/** One event as a sentence: who did what, with the level change, the new owner or assignee, and the comment. */
function EventText({ event }: { event: ProblemEventView }) {
  const { t } = useTranslation();
  const details = [
    event.fromLevel && event.toLevel ? `${t(`ownerLevels.${event.fromLevel}`)} → ${t(`ownerLevels.${event.toLevel}`)}` : null,
    event.toUnit?.name,
    event.assignee?.name,
    event.outcome ? t(`followUpOutcomes.${event.outcome}`) : null,
  ].filter(Boolean);
  return (
    <>
      <Typography.Text type="secondary">{formatDateTime(event.at)}</Typography.Text> {event.actor.name} {t(`problemEvents.${event.kind}`)}
      {details.length > 0 && <Typography.Text type="secondary">（{details.join('，')}）</Typography.Text>}
      {event.comment && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{event.comment}</Typography.Paragraph>}
    </>
  );
}

/** The timeline, in the order the server gives. */
export function ProblemHistory({ events }: { events: ProblemEventView[] }) {
  return (
    <Timeline
      data-testid="problem-history"
      items={events.map((event) => ({
        key: event.id,
        color: event.kind === 'escalated' || event.kind === 'flagged' || event.kind === 'reopened' ? 'red' : event.kind === 'closed' ? 'green' : 'blue',
        content: <EventText event={event} />,
      }))}
    />
  );
}
