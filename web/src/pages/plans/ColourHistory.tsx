/** The recorded colour changes of one target or task (`GET /api/plans/:id/colour-history?entity=`). */
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useFetch } from '../../useFetch.ts';
import { ColourTag } from './ColourTag.tsx';
import { tagColour } from './colours.ts';
import type { ColourChangeView } from '../../types.ts';

interface Props {
  planId: string;
  entityId: string;
}

/** The history as a timeline, newest first as the server orders it. */
export function ColourHistory({ planId, entityId }: Props) {
  const { t } = useTranslation();
  const { data } = useFetch<{ items: ColourChangeView[] }>(apiUrl(`/api/plans/${encodeURIComponent(planId)}/colour-history`, { entity: entityId, limit: 20 }));
  if (!data) return null;
  if (data.items.length === 0) return <Typography.Text type="secondary">{t('progress.noColourHistory')}</Typography.Text>;
  return (
    <Timeline
      data-testid="colour-history"
      items={data.items.map((change) => ({
        key: change.id,
        color: tagColour[change.to],
        content: (
          <>
            <Typography.Text type="secondary">{formatDateTime(change.at)}</Typography.Text>{' '}
            {change.from && <ColourTag colour={change.from} />}→ <ColourTag colour={change.to} /> {change.reason}
          </>
        ),
      }))}
    />
  );
}
