/**
 * One bulletin (`GET /api/bulletins/:id`): its state, downloads and the document with traceable figures. A draft
 * offers 发布 when the server's `abilities.publish` allows it; a published bulletin is final and offers nothing.
 */
import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Popconfirm, Space, Spin } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useFetch } from '../../useFetch.ts';
import { BulletinDownloads, BulletinStatusTag } from './BulletinTags.tsx';
import { TracedBulletin } from './TracedBulletin.tsx';
import type { BulletinDetail } from '../../types.ts';

/** The page at /plans/bulletins/:id. */
export default function BulletinPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const { data: bulletin, error, replace } = useFetch<BulletinDetail>(`/api/bulletins/${encodeURIComponent(id)}`);
  const [publishing, setPublishing] = useState(false);

  async function publish() {
    if (!bulletin) return;
    setPublishing(true);
    try {
      replace(await api.post<BulletinDetail>(`/api/bulletins/${bulletin.id}/publish`));
      message.success(t('bulletins.published'));
    } catch (failure) {
      message.error(errorMessage(failure));
    } finally {
      setPublishing(false);
    }
  }

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!bulletin) return <Spin style={{ display: 'block', margin: 48 }} />;
  const published = bulletin.status === 'published';

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to={`/plans/bulletins?plan=${bulletin.planId}`}>{t('bulletins.back')}</Link> }, { title: bulletin.content.plan.title }, { title: bulletin.label }]} />
      <Card
        size="small"
        title={
          <Space>
            <BulletinStatusTag status={bulletin.status} />
            <span>{bulletin.title}</span>
          </Space>
        }
        extra={
          <Space>
            {bulletin.abilities.publish && (
              <Popconfirm title={t('bulletins.publishConfirm')} onConfirm={() => void publish()} okText={t('bulletins.publish')} cancelText={t('common.cancel')}>
                <Button type="primary" loading={publishing} data-testid="bulletin-publish">
                  {t('bulletins.publish')}
                </Button>
              </Popconfirm>
            )}
            <BulletinDownloads bulletinId={bulletin.id} size="middle" />
          </Space>
        }
      >
        {published ? (
          <Alert
            type="success"
            showIcon
            data-testid="bulletin-locked"
            title={t('bulletins.publishedLocked')}
            description={t('bulletins.publishedBy', { name: bulletin.publishedBy ?? '', at: formatDateTime(bulletin.publishedAt) })}
            style={{ marginBottom: 16 }}
          />
        ) : (
          <Alert
            type="info"
            showIcon
            data-testid="bulletin-draft-notice"
            title={t('bulletins.draftNotice', { at: formatDateTime(bulletin.createdAt) })}
            description={bulletin.abilities.publish ? undefined : t('bulletins.cannotPublish')}
            style={{ marginBottom: 16 }}
          />
        )}
        <TracedBulletin content={bulletin.content} bulletinId={bulletin.id} />
      </Card>
    </Space>
  );
}
