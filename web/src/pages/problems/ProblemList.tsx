/** The list view: problems as a paged table (`GET /api/problems`), with every filter. */
import { useEffect, useState } from 'react';
import { Button, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api.ts';
import { useFetch } from '../../useFetch.ts';
import { ProblemTags } from './ProblemTags.tsx';
import { formatFen } from './problemLabels.ts';
import type { ProblemQuery } from './ProblemFilters.tsx';
import type { Page, ProblemListItem } from '../../types.ts';
import { pagedTableProps } from '../../components/pagedTableProps.ts';

interface Props {
  query: ProblemQuery;
  reloadKey: number;
  onOpen: (id: string) => void;
}

const pageSize = 20;

/** The table. */
export function ProblemList({ query, reloadKey, onOpen }: Props) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data, loading, reload } = useFetch<Page<ProblemListItem>>(apiUrl('/api/problems', { ...query, limit: pageSize, offset: (page - 1) * pageSize }));
  const queryKey = JSON.stringify(query);

  useEffect(() => setPage(1), [queryKey]);
  useEffect(() => {
    if (reloadKey > 0) reload();
  }, [reloadKey, reload]);

  return (
    <Table<ProblemListItem>
      data-testid="problems-table"
      {...pagedTableProps({ data, loading, page, pageSize, setPage })}
      size="middle"
      columns={[
        { title: t('problems.number'), dataIndex: 'number' },
        {
          title: t('problems.problemTitle'),
          dataIndex: 'title',
          render: (title: string, problem) => (
            <Button type="link" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start', height: 'auto' }} onClick={() => onOpen(problem.id)} data-testid="problem-open">
              {title}
            </Button>
          ),
        },
        { title: t('problems.tags'), key: 'tags', render: (_, problem) => <ProblemTags problem={problem} /> },
        { title: t('problems.region'), dataIndex: 'regionName' },
        { title: t('problems.owner'), key: 'owner', render: (_, problem) => `${t(`ownerLevels.${problem.ownerLevel}`)} · ${problem.ownerUnit.name}` },
        { title: t('problems.enterprise'), dataIndex: 'enterpriseName', render: (name: string | null) => name ?? '—' },
        { title: t('problems.amount'), dataIndex: 'amountFen', align: 'right', render: (fen: number | null) => (fen === null ? '—' : formatFen(fen)) },
        {
          title: t('problems.deadline'),
          dataIndex: 'deadline',
          render: (date: string, problem) => <Typography.Text type={problem.overdue ? 'danger' : undefined}>{date}</Typography.Text>,
        },
      ]}
    />
  );
}
