/** A plan's bulletins (`GET /api/plans/:id/bulletins`), newest first: state, issue date, downloads. */
import { Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../format.ts';
import { BulletinDownloads, BulletinStatusTag } from './BulletinTags.tsx';
import type { BulletinStatus, BulletinSummary } from '../../types.ts';

interface Props {
  items: BulletinSummary[];
  loading: boolean;
}

/** The table. */
export function BulletinList({ items, loading }: Props) {
  const { t } = useTranslation();
  return (
    <Table<BulletinSummary>
      data-testid="bulletins-table"
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: t('bulletins.none') }}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('bulletins.title'),
          dataIndex: 'title',
          render: (title: string, bulletin) => (
            <Link to={`/plans/bulletins/${bulletin.id}`} data-testid="bulletin-open">
              {title}
            </Link>
          ),
        },
        { title: t('bulletins.period'), dataIndex: 'label' },
        { title: t('bulletins.docNumberColumn'), dataIndex: 'docNumber', render: (docNumber: string | null) => docNumber ?? <Typography.Text type="secondary">—</Typography.Text> },
        { title: t('bulletins.status'), dataIndex: 'status', render: (status: BulletinStatus) => <BulletinStatusTag status={status} /> },
        { title: t('bulletins.issuedOn'), dataIndex: 'publishedAt', render: (at: string | null) => formatDate(at) || '—' },
        { title: t('bulletins.downloads'), key: 'downloads', render: (_, bulletin) => <BulletinDownloads bulletinId={bulletin.id} /> },
      ]}
    />
  );
}
