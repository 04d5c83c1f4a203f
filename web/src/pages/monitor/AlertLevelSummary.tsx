/** The dashboard's alert board: active alerts of the region by level, and the most recent of them. */
import { Alert, Card, Col, List, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { levelLabels } from '../../../../src/contracts/monitor-warnings-constants.ts';
import { apiUrl } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import { levelColours, levelsMildFirst } from './figures.ts';
import { LevelTag } from './LevelTag.tsx';
import type { AlertBoard } from './types.ts';

/** The card for `regionCode`. */
export function AlertLevelSummary({ regionCode }: { regionCode: string }) {
  const { t } = useTranslation();
  const { data, error } = useFetch<AlertBoard>(apiUrl('/api/monitor/alerts', { region: regionCode, limit: 5 }));
  const english = currentLocale() === 'en';
  return (
    <Card size="small" title={t('monitor.alertBoard')} extra={<Link to={`/monitor/alerts?region=${regionCode}`}>{t('monitor.allAlerts')}</Link>} data-testid="dashboard-alerts">
      {error && <Alert type="error" showIcon title={error} />}
      <Row gutter={8}>
        {levelsMildFirst.map((level) => (
          <Col span={6} key={level}>
            <Link to={`/monitor/alerts?region=${regionCode}&level=${level}`}>
              <Statistic
                title={english ? levelLabels[level].en : levelLabels[level].zh}
                value={data?.countsByLevel[level] ?? 0}
                styles={{ content: { color: levelColours[level] } }}
                data-testid={`alert-count-${level}`}
              />
            </Link>
          </Col>
        ))}
      </Row>
      <List
        size="small"
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('monitor.noAlerts') }}
        renderItem={(alert) => (
          <List.Item key={alert.id}>
            <LevelTag level={alert.level} />
            <Link to={`/monitor/alerts?open=${alert.id}`} style={{ flex: 1 }}>
              {alert.regionName}
              {alert.subject ? ` · ${alert.subject.name}` : ''} · {english ? alert.rule.nameEn : alert.rule.nameZh}
            </Link>
            <Typography.Text type="secondary">{alert.period}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
