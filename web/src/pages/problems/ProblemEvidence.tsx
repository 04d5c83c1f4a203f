/** A problem's evidence files (download links) and uploading another (`POST /api/problems/:id/evidence`). */
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AttachedFiles } from '../../components/AttachedFiles.tsx';
import { formatDateTime } from '../../format.ts';
import type { ProblemDetail } from '../../types.ts';

interface Props {
  problem: ProblemDetail;
  onChanged: (problem: ProblemDetail) => void;
}

/** The list and, when allowed, the upload button. */
export function ProblemEvidence({ problem, onChanged }: Props) {
  const { t } = useTranslation();
  return (
    <AttachedFiles<ProblemDetail>
      data-testid="problem-evidence"
      uploadUrl={`/api/problems/${problem.id}/evidence`}
      allowed={problem.abilities.attachEvidence}
      hideWhenRefused
      label={t('problems.uploadEvidence')}
      uploadTestId="problem-evidence-upload"
      onUploaded={onChanged}
    >
      {problem.evidence.length === 0 && <Typography.Text type="secondary">{t('problems.noEvidence')}</Typography.Text>}
      {problem.evidence.map((file) => (
        <span key={file.fileId}>
          <Typography.Link href={`/api/problems/${problem.id}/evidence/${file.fileId}`} target="_blank">
            {file.fileName}
          </Typography.Link>
          <Typography.Text type="secondary">
            {' '}
            · {formatDateTime(file.attachedAt)}
            {file.attachedBy && ` · ${file.attachedBy}`}
          </Typography.Text>
        </span>
      ))}
    </AttachedFiles>
  );
}
