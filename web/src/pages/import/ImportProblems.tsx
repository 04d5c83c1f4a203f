/** The rows of a table and entries of a pack that cannot be imported, each with where and why. */
import { Alert, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../types.ts';

/** Nothing when the file reads cleanly. */
export function ImportProblems({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const problems = [
    ...preview.rowProblems.map((problem) => ({ where: t('planImport.rowColumn', { row: problem.row, column: problem.column }), message: problem.message })),
    ...preview.packProblems,
  ];
  if (problems.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="import-problems"
      title={t('planImport.problems', { count: problems.length })}
      description={
        <Table
          size="small"
          rowKey={(problem) => `${problem.where}:${problem.message}`}
          pagination={false}
          dataSource={problems}
          columns={[
            { title: t('planImport.where'), dataIndex: 'where' },
            { title: t('planImport.why'), dataIndex: 'message' },
          ]}
        />
      }
    />
  );
}
