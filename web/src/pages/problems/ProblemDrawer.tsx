/** One problem (`GET /api/problems/:id`): facts, description, 挂牌督办 reason, resolution, evidence, history, actions. */
import { Alert, Descriptions, Divider, Drawer, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { useFetch } from '../../useFetch.ts';
import { ProblemActions } from './ProblemActions.tsx';
import { ProblemEvidence } from './ProblemEvidence.tsx';
import { ProblemHistory } from './ProblemHistory.tsx';
import { ProblemTags } from './ProblemTags.tsx';
import { formatFen } from './problemLabels.ts';
import type { ProblemDetail } from '../../types.ts';

interface Props {
  problemId: string | null;
  onClose: () => void;
  /** Called after any change, so the board or list can reload. */
  onChanged: () => void;
}

/** The drawer; open while `problemId` is set. */
export function ProblemDrawer({ problemId, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const { data: problem, error, replace } = useFetch<ProblemDetail>(problemId ? `/api/problems/${problemId}` : null);
  const changed = (detail: ProblemDetail) => {
    replace(detail);
    onChanged();
  };

  return (
    <Drawer open={problemId !== null} onClose={onClose} size={Math.min(720, window.innerWidth)} destroyOnHidden title={problem ? `${problem.number} ${problem.title}` : t('problems.detail')} data-testid="problem-drawer">
      {error && <Alert type="error" showIcon title={error} />}
      {!problem && !error && <Spin style={{ display: 'block', margin: 24 }} />}
      {problem && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <ProblemTags problem={problem} />
          {problem.flagged && problem.flagReason && <Alert type="error" showIcon title={t('problems.flagReason')} description={problem.flagReason} />}
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'region', label: t('problems.region'), children: problem.regionName },
              { key: 'owner', label: t('problems.owner'), children: `${t(`ownerLevels.${problem.ownerLevel}`)} · ${problem.ownerUnit.name}` },
              { key: 'assignee', label: t('problems.assignee'), children: problem.assignee?.name ?? '—' },
              { key: 'reportedBy', label: t('problems.reportedBy'), children: [problem.reportedBy.user.name, problem.reportedBy.unit?.name].filter(Boolean).join(' · ') },
              { key: 'enterprise', label: t('problems.enterprise'), children: [problem.enterpriseName, problem.enterpriseCreditCode].filter(Boolean).join(' · ') || '—' },
              { key: 'amount', label: t('problems.amount'), children: problem.amountFen === null ? '—' : formatFen(problem.amountFen) },
              { key: 'deadline', label: t('problems.deadline'), children: problem.deadline },
              { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(problem.createdAt) },
              ...(problem.followUpOn ? [{ key: 'followUp', label: t('problems.followUpOn'), children: problem.followUpOn }] : []),
            ]}
          />
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{problem.description}</Typography.Paragraph>
          {problem.resolution && (
            <Alert
              type="success"
              title={t('problems.resolution')}
              description={
                <>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{problem.resolution}</div>
                  {problem.verifiedBy && <Typography.Text type="secondary">{t('problems.verifiedBy', { name: problem.verifiedBy.name, at: formatDateTime(problem.verifiedAt) })}</Typography.Text>}
                </>
              }
            />
          )}
          <ProblemActions problem={problem} onDone={changed} />
          <Divider titlePlacement="start">{t('problems.evidence')}</Divider>
          <ProblemEvidence problem={problem} onChanged={changed} />
          <Divider titlePlacement="start">{t('problems.history')}</Divider>
          <ProblemHistory events={problem.history} />
        </Space>
      )}
    </Drawer>
  );
}
