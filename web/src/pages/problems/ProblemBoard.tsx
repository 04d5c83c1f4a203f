/** The board: one column per problem state. */
import { Col, Row } from 'antd';
import { ProblemColumn } from './ProblemColumn.tsx';
import { problemStatuses } from './problemLabels.ts';
import type { ProblemQuery } from './ProblemFilters.tsx';

interface Props {
  query: ProblemQuery;
  /** Changes to load the columns again. */
  reloadKey: number;
  onOpen: (id: string) => void;
}

/** The columns side by side; on narrow screens they stack. */
export function ProblemBoard(props: Props) {
  return (
    <Row gutter={[12, 12]} wrap>
      {problemStatuses.map((status) => (
        <Col key={status} xs={24} md={12} xl={{ flex: '1 1 0' }} style={{ minWidth: 0 }}>
          <ProblemColumn status={status} {...props} />
        </Col>
      ))}
    </Row>
  );
}
