/** A bulletin's document whose figures open the reports they came from. */
import { useMemo, useState } from 'react';
import { BulletinDocument } from './BulletinDocument.tsx';
import { TraceContext } from './FigureLink.tsx';
import type { TraceOpener } from './FigureLink.tsx';
import { TraceDrawer } from './TraceDrawer.tsx';
import type { OpenFigure } from './TraceDrawer.tsx';
import type { BulletinContent } from '../../types.ts';

interface Props {
  content: BulletinContent;
  /** The saved bulletin the content belongs to; null for a preview. */
  bulletinId: string | null;
}

/** The document with its trace drawer. */
export function TracedBulletin({ content, bulletinId }: Props) {
  const [figure, setFigure] = useState<OpenFigure | null>(null);
  const opener = useMemo<TraceOpener>(
    () => ({
      // A figure no report lies behind (0 on time, a unit that never reported) has nothing to open.
      has: (key) => (content.trace[key]?.length ?? 0) > 0,
      open: (key, caption) => setFigure({ key, caption }),
    }),
    [content],
  );
  return (
    <TraceContext value={opener}>
      <BulletinDocument content={content} />
      <TraceDrawer figure={figure} bulletinId={bulletinId} trace={content.trace} onClose={() => setFigure(null)} />
    </TraceContext>
  );
}
