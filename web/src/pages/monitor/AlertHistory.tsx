/** An alert's history: raised, level changes, acknowledgement, actions, escalations, muting, closing. */
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelLabels } from '../../../../src/contracts/monitor-warnings-constants.ts';
import { formatDateTime } from '../../format.ts';
import { currentLocale } from '../../i18n/index.ts';
import type { AlertDetail, AlertLevel } from './types.ts';

type AlertEvent = AlertDetail['history'][number];

const eventColours: Partial<Record<AlertEvent['kind'], string>> = { raised: 'red', escalated: 'red', level_changed: 'orange', closed: 'green', dismissed: 'gray' };

function levelName(level: number | null): string {
  const label = level === null ? undefined : levelLabels[level as AlertLevel];
  if (!label) return '—';
  return currentLocale() === 'en' ? label.en : label.zh;
}

/** The timeline in the server's order. */
export function AlertHistory({ events }: { events: AlertEvent[] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="alert-history"
      items={events.map((event) => ({
        key: event.id,
        color: eventColours[event.kind] ?? 'blue',
        content: (
          <>
            <Typography.Text type="secondary">{formatDateTime(event.at)}</Typography.Text> {event.actor.name ?? t('alerts.system')} {t(`alertEvents.${event.kind}`)}
            {(event.fromLevel !== null || event.toLevel !== null) && event.fromLevel !== event.toLevel && (
              <Typography.Text type="secondary">（{event.fromLevel === null ? levelName(event.toLevel) : `${levelName(event.fromLevel)} → ${levelName(event.toLevel)}`}）</Typography.Text>
            )}
            {event.note && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{event.note}</Typography.Paragraph>}
          </>
        ),
      }))}
    />
  );
}
