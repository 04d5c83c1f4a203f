/** One column of the problem board: a page of the problems in one state (`GET /api/problems?status=`) as cards. */
import { useEffect } from 'react';
import { Badge, Card, Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api.ts';
import { useFetch } from '../../useFetch.ts';
import { ProblemTags } from './ProblemTags.tsx';
import type { ProblemQuery } from './ProblemFilters.tsx';
import type { Page, ProblemListItem, ProblemStatus } from '../../types.ts';

interface Props {
  status: ProblemStatus;
  query: ProblemQuery;
  /** Changes to load the column again. */
  reloadKey: number;
  onOpen: (id: string) => void;
}

const perColumn = 50;

/** The column; past 50 problems it points to the list view. */
export function ProblemColumn({ status, query, reloadKey, onOpen }: Props) {
  const { t } = useTranslation();
  const { data, loading, reload } = useFetch<Page<ProblemListItem>>(apiUrl('/api/problems', { ...query, status, limit: perColumn }));
  useEffect(() => {
    if (reloadKey > 0) reload();
  }, [reloadKey, reload]);
  return (
    <Card
      size="small"
      loading={loading && !data}
      title={
        <Space>
          {t(`problemStatuses.${status}`)}
          <Badge count={data?.total ?? 0} showZero color="#8c8c8c" />
        </Space>
      }
      styles={{ body: { maxHeight: '65vh', overflow: 'auto', background: '#fafafa' } }}
      data-testid={`problem-column-${status}`}
    >
      {data?.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('problems.none')} />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {data?.items.map((problem) => (
          <Card key={problem.id} size="small" hoverable onClick={() => onOpen(problem.id)} data-testid="problem-card">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {problem.number} · {problem.regionName}
            </Typography.Text>
            <Typography.Paragraph strong style={{ margin: '2px 0 6px' }} ellipsis={{ rows: 2 }}>
              {problem.title}
            </Typography.Paragraph>
            <ProblemTags problem={problem} withStatus={false} />
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
              {t('problems.deadlineOn', { date: problem.deadline })} · {problem.ownerUnit.name}
            </Typography.Text>
          </Card>
        ))}
      </Space>
      {data && data.total > data.items.length && (
        <Typography.Text type="secondary">{t('problems.moreInList', { count: data.total - data.items.length })}</Typography.Text>
      )}
    </Card>
  );
}
