/** The drawer around the create-unit form; the form is mounted afresh each time the drawer opens. */
import { Drawer } from 'antd';
import { useTranslation } from 'react-i18next';
import { CreateUnitForm } from './CreateUnitForm.tsx';
import type { Region, UnitDetail } from '../../types.ts';

interface Props {
  open: boolean;
  /** The region selected in the tree, which the form starts with. */
  region: Region | null;
  onClose: () => void;
  onCreated: (unit: UnitDetail) => void;
}

/** The 新建单位 drawer. */
export function CreateUnitDrawer({ open, region, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer open={open} title={t('org.createUnit')} size={Math.min(560, window.innerWidth)} onClose={onClose} destroyOnHidden>
      {open && <CreateUnitForm region={region} onCancel={onClose} onCreated={onCreated} />}
    </Drawer>
  );
}
