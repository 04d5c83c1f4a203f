/** The alert board (`GET /api/monitor/alerts`): counts by level over everything the filters match, and a page of alerts. */
import { useEffect, useState } from 'react';
import { Alert, Button, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelLabels } from '../../../../src/contracts/monitor-warnings-constants.ts';
import { apiUrl } from '../../api.ts';
import { pagedTableProps } from '../../components/pagedTableProps.ts';
import { formatDateTime } from '../../format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import type { AlertQuery } from './AlertFilters.tsx';
import { AlertStatusTag } from './AlertStatusTag.tsx';
import { formatFigure, levelColours, levelsMildFirst } from './figures.ts';
import { LevelTag } from './LevelTag.tsx';
import type { AlertBoard, AlertListItem } from './types.ts';

interface Props {
  query: AlertQuery;
  reloadKey: number;
  onOpen: (id: string) => void;
  onLevel: (level: number) => void;
}

const pageSize = 20;

/** The counts and the table. */
export function AlertTable({ query, reloadKey, onOpen, onLevel }: Props) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const english = currentLocale() === 'en';
  const { data, loading, error } = useFetch<AlertBoard>(apiUrl('/api/monitor/alerts', { ...query, limit: pageSize, offset: (page - 1) * pageSize }), reloadKey);
  const queryKey = JSON.stringify(query);
  useEffect(() => setPage(1), [queryKey]);

  return (
    <>
      {error && <Alert type="error" showIcon title={error} />}
      <Row gutter={8} style={{ margin: '12px 0' }}>
        {levelsMildFirst.map((level) => (
          <Col xs={12} md={6} key={level}>
            <div role="button" style={{ cursor: 'pointer', borderInlineStart: `4px solid ${levelColours[level]}`, paddingInlineStart: 8 }} onClick={() => onLevel(level)}>
              <Statistic title={english ? levelLabels[level].en : levelLabels[level].zh} value={data?.countsByLevel[level] ?? 0} data-testid={`alert-count-${level}`} />
            </div>
          </Col>
        ))}
      </Row>
      <Table<AlertListItem>
        size="middle"
        data-testid="alerts-table"
        {...pagedTableProps({ data, loading, page, pageSize, setPage })}
        columns={[
          { title: t('alerts.level'), dataIndex: 'level', render: (level: number) => <LevelTag level={level} /> },
          {
            title: t('alerts.rule'),
            key: 'rule',
            render: (_, alert) => (
              <Button type="link" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start', height: 'auto' }} onClick={() => onOpen(alert.id)} data-testid="alert-open">
                {english ? alert.rule.nameEn : alert.rule.nameZh}
              </Button>
            ),
          },
          { title: t('alerts.where'), key: 'where', render: (_, alert) => [alert.regionName, alert.subject?.name].filter(Boolean).join(' · ') },
          { title: t('monitor.period'), dataIndex: 'period' },
          {
            title: t('alerts.observed'),
            key: 'observed',
            align: 'right',
            render: (_, alert) => `${formatFigure(alert.observedValue, 2)} ${alert.indicator.unit}`,
          },
          { title: t('alerts.status'), key: 'status', render: (_, alert) => <AlertStatusTag alert={alert} /> },
          { title: t('alerts.owner'), key: 'owner', render: (_, alert) => alert.owner?.name ?? <Typography.Text type="secondary">—</Typography.Text> },
          {
            title: t('alerts.acknowledgeBy'),
            dataIndex: 'acknowledgeDueAt',
            render: (value: string | null, alert) => (alert.status === 'open' && value ? <Typography.Text type={Date.parse(value) < Date.now() ? 'danger' : undefined}>{formatDateTime(value)}</Typography.Text> : '—'),
          },
          { title: t('alerts.openedAt'), dataIndex: 'openedAt', render: (value: string) => formatDateTime(value) },
        ]}
      />
    </>
  );
}
