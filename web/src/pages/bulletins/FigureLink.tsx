/**
 * A figure of a bulletin that can say where it came from: when the bulletin's trace lists reports under its
 * key, the figure is a link that opens them; otherwise it is plain text.
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** What the document's figures need to know about the trace. */
export interface TraceOpener {
  /** True when the bulletin's trace lists reports under this key. */
  has(key: string): boolean;
  /** Opens the reports behind the figure; `caption` names it in the drawer's title. */
  open(key: string, caption: string): void;
}

/** The trace of the bulletin being shown; without a provider, figures are plain text. */
export const TraceContext = createContext<TraceOpener | null>(null);

interface Props {
  traceKey: string;
  /** What the figure is, for the drawer's title: 城镇新增就业 · 最新数据. */
  caption: string;
  children: ReactNode;
}

/** The figure, clickable when it has a trace. */
export function FigureLink({ traceKey, caption, children }: Props) {
  const trace = useContext(TraceContext);
  if (!trace?.has(traceKey)) return <>{children}</>;
  return (
    <Typography.Link underline onClick={() => trace.open(traceKey, caption)} data-testid="trace-link" data-trace-key={traceKey}>
      {children}
    </Typography.Link>
  );
}
