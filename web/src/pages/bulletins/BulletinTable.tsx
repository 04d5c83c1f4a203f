/** The table every part of a bulletin draws: small, ruled, unpaged, keyed by the row's trace key, scrolling sideways on narrow screens. */
import { Table } from 'antd';
import type { TableProps } from 'antd';

/** A bulletin table; any prop given overrides the defaults. */
export function BulletinTable<Row extends object>(props: TableProps<Row>) {
  return <Table<Row> rowKey="key" size="small" bordered pagination={false} scroll={{ x: 'max-content' }} {...props} />;
}
