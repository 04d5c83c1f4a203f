/** The props every server-paged table shares: rows of the current page, loading state and the pager. */
import type { Page } from '../types.ts';

/** What a paged list screen knows about its page. */
export interface PagedState<T> {
  data: Page<T> | null | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  setPage: (page: number) => void;
}

/** Spread into an antd `Table`: id row keys, horizontal scroll on narrow screens, and server-side paging. */
export function pagedTableProps<T extends { id: string | number }>(state: PagedState<T>) {
  return {
    rowKey: 'id' as const,
    loading: state.loading,
    dataSource: state.data?.items ?? [],
    scroll: { x: 'max-content' as const },
    pagination: { current: state.page, pageSize: state.pageSize, total: state.data?.total ?? 0, showSizeChanger: false, onChange: state.setPage },
  };
}
