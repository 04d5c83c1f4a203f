/** A page of units for the chosen region and search text (`GET /api/units`), paged on the server. */
import { useEffect, useState } from 'react';
import { Alert, Button, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api.ts';
import { useFetch } from '../../useFetch.ts';
import type { Page, UnitSummary } from '../../types.ts';
import { pagedTableProps } from '../../components/pagedTableProps.ts';

interface Props {
  regionCode: string | undefined;
  query: string;
  /** Changes to make the table load again (after a create or an edit). */
  reloadKey: number;
  onOpen: (unitId: string) => void;
}

const pageSize = 20;

/** The units table. */
export function UnitsTable({ regionCode, query, reloadKey, onOpen }: Props) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data, error, loading } = useFetch<Page<UnitSummary>>(
    apiUrl('/api/units', { region: regionCode, q: query, limit: pageSize, offset: (page - 1) * pageSize }),
    reloadKey,
  );

  useEffect(() => setPage(1), [regionCode, query]);

  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Table<UnitSummary>
        data-testid="units-table"
        {...pagedTableProps({ data, loading, page, pageSize, setPage })}
        size="middle"
        columns={[
          {
            title: t('org.unitName'),
            dataIndex: 'name',
            render: (name: string, unit) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(unit.id)} data-testid="unit-open">
                {name}
              </Button>
            ),
          },
          { title: t('org.kind'), dataIndex: 'kind', render: (kind: string) => t(`unitKinds.${kind}`) },
          { title: t('org.region'), dataIndex: 'regionName' },
          {
            title: t('org.aliases'),
            dataIndex: 'aliases',
            render: (aliases: string[]) => aliases.map((alias) => <Tag key={alias}>{alias}</Tag>),
          },
        ]}
      />
    </>
  );
}
