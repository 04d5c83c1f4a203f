/** The dashboard's place in the region tree as a breadcrumb: every ancestor inside the user's reach goes back up. */
import { Breadcrumb } from 'antd';
import { useSession } from '../../session/SessionContext.tsx';
import { withinReach } from './reach.ts';
import type { RegionDetail } from './types.ts';

interface Props {
  region: RegionDetail;
  onPick: (code: string) => void;
}

/** The breadcrumb. */
export function RegionTrail({ region, onPick }: Props) {
  const { user } = useSession();
  const grants = user?.grants ?? [];
  const above = region.ancestors.filter((ancestor) => withinReach(grants, ancestor.code));
  return (
    <Breadcrumb
      data-testid="monitor-trail"
      items={[
        ...above.map((ancestor) => ({
          key: ancestor.code,
          title: (
            <a onClick={() => onPick(ancestor.code)} data-testid={`monitor-trail-${ancestor.code}`}>
              {ancestor.name}
            </a>
          ),
        })),
        { key: region.code, title: <span data-testid="monitor-trail-current">{region.name}</span> },
      ]}
    />
  );
}
