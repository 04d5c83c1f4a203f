/** 地区与单位: the region tree on the left, the units of the chosen region on the right, create and detail drawers. */
import { useState } from 'react';
import { Button, Card, Col, Input, Row, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/SessionContext.tsx';
import { CreateUnitDrawer } from './CreateUnitDrawer.tsx';
import { RegionTree } from './RegionTree.tsx';
import { UnitDetailDrawer } from './UnitDetailDrawer.tsx';
import { UnitsTable } from './UnitsTable.tsx';
import type { Region } from '../../types.ts';

/** The page at /org. */
export default function RegionsUnitsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [region, setRegion] = useState<Region | null>(null);
  const [query, setQuery] = useState('');
  const [reloadKey, setReloadKey] = useState(0);
  const [creating, setCreating] = useState(false);
  const [openUnitId, setOpenUnitId] = useState<string | null>(null);
  const reload = () => setReloadKey((key) => key + 1);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={7}>
        <Card title={t('org.regions')} size="small" styles={{ body: { maxHeight: '70vh', overflow: 'auto' } }}>
          <RegionTree onSelect={setRegion} />
        </Card>
      </Col>
      <Col xs={24} lg={17}>
        <Card
          size="small"
          title={region ? t('org.unitsIn', { region: region.name }) : t('org.allUnits')}
          extra={
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!user?.abilities.manageUnits}
              onClick={() => setCreating(true)}
              data-testid="unit-create"
            >
              {t('org.createUnit')}
            </Button>
          }
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.Search
              allowClear
              placeholder={t('org.searchUnits')}
              onSearch={(text) => setQuery(text.trim())}
              data-testid="unit-search"
              style={{ maxWidth: 360 }}
            />
            <UnitsTable regionCode={region?.code} query={query} reloadKey={reloadKey} onOpen={setOpenUnitId} />
          </Space>
        </Card>
      </Col>
      <CreateUnitDrawer
        open={creating}
        region={region}
        onClose={() => setCreating(false)}
        onCreated={(unit) => {
          setCreating(false);
          reload();
          setOpenUnitId(unit.id);
        }}
      />
      <UnitDetailDrawer unitId={openUnitId} onClose={() => setOpenUnitId(null)} onChanged={reload} />
    </Row>
  );
}
