/** One alert (`GET /api/monitor/alerts/:id`): why it has its level, where and when, its response plan, actions and history. */
import { Alert, Descriptions, Divider, Drawer, List, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import { AlertActions } from './AlertActions.tsx';
import { AlertHistory } from './AlertHistory.tsx';
import { AlertStatusTag } from './AlertStatusTag.tsx';
import { formatFigure } from './figures.ts';
import { LevelTag } from './LevelTag.tsx';
import type { AlertDetail } from './types.ts';

interface Props {
  alertId: string | null;
  onClose: () => void;
  /** Called after any change so the board can reload. */
  onChanged: () => void;
}

/** The drawer; open while `alertId` is set. */
export function AlertDrawer({ alertId, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const { data: alert, error, replace } = useFetch<AlertDetail>(alertId ? `/api/monitor/alerts/${alertId}` : null);
  const english = currentLocale() === 'en';
  const changed = (detail: AlertDetail) => {
    replace(detail);
    onChanged();
  };

  return (
    <Drawer
      open={alertId !== null}
      onClose={onClose}
      size={Math.min(720, window.innerWidth)}
      destroyOnHidden
      title={alert ? (english ? alert.rule.nameEn : alert.rule.nameZh) : t('alerts.detail')}
      data-testid="alert-drawer"
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!alert && !error && <Spin style={{ display: 'block', margin: 24 }} />}
      {alert && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space>
            <LevelTag level={alert.level} />
            <AlertStatusTag alert={alert} />
          </Space>
          <Alert
            type={alert.explanation.recovered ? 'success' : 'warning'}
            showIcon
            title={t('alerts.why')}
            description={
              <>
                <div data-testid="alert-explanation">{english ? alert.explanation.en : alert.explanation.zh}</div>
                {alert.explanation.fallback && <Typography.Text type="secondary">{t('alerts.fallback', { kind: alert.explanation.fallback })}</Typography.Text>}
              </>
            }
          />
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'where', label: t('alerts.where'), children: [alert.regionName, alert.subject?.name].filter(Boolean).join(' · ') },
              { key: 'indicator', label: t('alerts.indicator'), children: `${english ? alert.indicator.nameEn : alert.indicator.nameZh}（${alert.indicator.code}）` },
              { key: 'period', label: t('monitor.period'), children: alert.period },
              { key: 'observed', label: t('alerts.observed'), children: `${formatFigure(alert.observedValue, 2)} ${alert.indicator.unit}` },
              { key: 'measure', label: t('alerts.measure'), children: `${formatFigure(alert.explanation.measure, 2)} / ${t('alerts.boundary')} ${formatFigure(alert.explanation.boundary, 2)}` },
              { key: 'owner', label: t('alerts.owner'), children: alert.owner?.name ?? '—' },
              { key: 'openedAt', label: t('alerts.openedAt'), children: formatDateTime(alert.openedAt) },
              { key: 'ackDue', label: t('alerts.acknowledgeBy'), children: formatDateTime(alert.acknowledgeDueAt) || '—' },
              { key: 'respondDue', label: t('alerts.respondBy'), children: formatDateTime(alert.respondDueAt) || '—' },
              ...(alert.escalatedTo ? [{ key: 'escalatedTo', label: t('alerts.escalatedTo'), children: alert.escalatedTo }] : []),
              ...(alert.outcome ? [{ key: 'outcome', label: t('alerts.outcome'), children: `${alert.outcome}（${alert.wasReal ? t('alertActions.real') : t('alertActions.falseAlarm')}）` }] : []),
              ...(alert.dismissReason ? [{ key: 'dismissReason', label: t('alerts.dismissReason'), children: alert.dismissReason }] : []),
            ]}
          />
          {alert.response && (
            <>
              <Divider titlePlacement="start">{t('alerts.response')}</Divider>
              <Typography.Text>{t('alerts.responseHours', { acknowledge: alert.response.acknowledgeHours, respond: alert.response.respondHours })}</Typography.Text>
              <List size="small" dataSource={alert.response.actions} renderItem={(action) => <List.Item>{action}</List.Item>} data-testid="alert-required-actions" />
            </>
          )}
          <AlertActions alert={alert} onDone={changed} />
          <Divider titlePlacement="start">{t('alerts.history')}</Divider>
          <AlertHistory events={alert.history} />
        </Space>
      )}
    </Drawer>
  );
}
