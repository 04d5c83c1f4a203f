/** A bulletin's state as a tag, and its DOCX and Excel downloads (`GET /api/bulletins/:id.docx|.xlsx`). */
import { Button, Space, Tag } from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { BulletinStatus } from '../../types.ts';

/** 草稿 or 已发布. */
export function BulletinStatusTag({ status }: { status: BulletinStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'published' ? 'success' : 'default'} data-testid="bulletin-status" data-status={status}>
      {t(`bulletinStatuses.${status}`)}
    </Tag>
  );
}

/** The two download buttons. */
export function BulletinDownloads({ bulletinId, size = 'small' }: { bulletinId: string; size?: 'small' | 'middle' }) {
  return (
    <Space size={4}>
      <Button size={size} icon={<FileWordOutlined />} href={`/api/bulletins/${bulletinId}.docx`} download data-testid="bulletin-download-docx">
        DOCX
      </Button>
      <Button size={size} icon={<FileExcelOutlined />} href={`/api/bulletins/${bulletinId}.xlsx`} download data-testid="bulletin-download-xlsx">
        Excel
      </Button>
    </Space>
  );
}
