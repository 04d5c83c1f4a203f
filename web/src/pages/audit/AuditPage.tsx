/** 审计日志: who changed what and when (`GET /api/audit`), filtered, with before/after in expandable rows. */
import { useState } from 'react';
import { Alert, Card, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api.ts';
import { useFetch } from '../../useFetch.ts';
import { formatDateTime } from '../../format.ts';
import { AuditDiff } from './AuditDiff.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import type { AuditQuery } from './AuditFilters.tsx';
import type { AuditEntry, Page } from '../../types.ts';
import { pagedTableProps } from '../../components/pagedTableProps.ts';

const pageSize = 20;

/** The page at /audit. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState<AuditQuery>({});
  const [page, setPage] = useState(1);
  const { data, error, loading } = useFetch<Page<AuditEntry>>(apiUrl('/api/audit', { ...query, limit: pageSize, offset: (page - 1) * pageSize }));

  return (
    <Card title={t('nav.audit')} size="small">
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <AuditFilters
          onChange={(next) => {
            setPage(1);
            setQuery(next);
          }}
        />
        {error && <Alert type="error" showIcon title={error} />}
        <Table<AuditEntry>
          data-testid="audit-table"
          {...pagedTableProps({ data, loading, page, pageSize, setPage })}
          size="small"
          expandable={{ expandedRowRender: (entry) => <AuditDiff before={entry.before} after={entry.after} /> }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', render: (at: string) => formatDateTime(at) },
            { title: t('audit.actor'), dataIndex: 'actorName', render: (name: string | null) => name ?? t('audit.system') },
            { title: t('audit.action'), dataIndex: 'action', render: (action: string) => <Typography.Text code>{action}</Typography.Text> },
            { title: t('audit.entityType'), dataIndex: 'entityType' },
            { title: t('audit.entityId'), dataIndex: 'entityId', render: (id: string) => <Typography.Text copyable={{ text: id }}>{id}</Typography.Text> },
            { title: t('audit.region'), dataIndex: 'regionCode' },
            { title: t('audit.requestId'), dataIndex: 'requestId', render: (id: string | null) => <Typography.Text type="secondary">{id}</Typography.Text> },
          ]}
        />
      </Space>
    </Card>
  );
}
