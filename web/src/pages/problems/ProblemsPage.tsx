/** 问题台账: the problem ledger as a board by state or a filtered list, with logging and the problem drawer. */
import { useState } from 'react';
import { Button, Card, Segmented, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LogProblemModal } from './LogProblemModal.tsx';
import { ProblemBoard } from './ProblemBoard.tsx';
import { ProblemDrawer } from './ProblemDrawer.tsx';
import { ProblemFilters } from './ProblemFilters.tsx';
import type { ProblemQuery } from './ProblemFilters.tsx';
import { ProblemList } from './ProblemList.tsx';

/** The page at /plans/problems. */
export default function ProblemsPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<'board' | 'list'>('board');
  const [query, setQuery] = useState<ProblemQuery>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const [logging, setLogging] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const reload = () => setReloadKey((key) => key + 1);
  const shownQuery = view === 'board' ? { ...query, status: undefined } : query;

  return (
    <Card
      size="small"
      title={t('planNav.problems')}
      extra={
        <Space>
          <Segmented<'board' | 'list'>
            value={view}
            onChange={setView}
            options={[
              { value: 'board', label: t('problems.board') },
              { value: 'list', label: t('problems.list') },
            ]}
            data-testid="problem-view"
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setLogging(true)} data-testid="problem-log">
            {t('problems.log')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ProblemFilters value={query} onChange={setQuery} withStatus={view === 'list'} />
        {view === 'board' ? (
          <ProblemBoard query={shownQuery} reloadKey={reloadKey} onOpen={setOpenId} />
        ) : (
          <ProblemList query={shownQuery} reloadKey={reloadKey} onOpen={setOpenId} />
        )}
      </Space>
      <ProblemDrawer problemId={openId} onClose={() => setOpenId(null)} onChanged={reload} />
      <LogProblemModal
        open={logging}
        onClose={() => setLogging(false)}
        onLogged={(problem) => {
          setLogging(false);
          reload();
          setOpenId(problem.id);
        }}
      />
    </Card>
  );
}
