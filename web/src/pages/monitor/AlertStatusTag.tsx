/** An alert's state as a tag, with muted and recovered marks. */
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { alertStatusLabels } from '../../../../src/contracts/monitor-warnings-constants.ts';
import { currentLocale } from '../../i18n/index.ts';
import type { AlertListItem } from './types.ts';

const colours = { open: 'red', acknowledged: 'gold', handling: 'blue', closed: 'green', dismissed: 'default' } as const;

/** The tags. */
export function AlertStatusTag({ alert }: { alert: AlertListItem }) {
  const { t } = useTranslation();
  const label = alertStatusLabels[alert.status];
  return (
    <Space size={4}>
      <Tag color={colours[alert.status]} data-testid="alert-status" data-status={alert.status}>
        {currentLocale() === 'en' ? label.en : label.zh}
      </Tag>
      {alert.mutedBy && <Tag>{t('alerts.muted')}</Tag>}
      {alert.explanation.recovered && <Tag color="green">{t('alerts.recovered')}</Tag>}
      {alert.escalations > 0 && <Tag color="volcano">{t('alerts.escalated', { count: alert.escalations })}</Tag>}
    </Space>
  );
}
