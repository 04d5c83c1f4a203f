/**
 * Picks a region of one level inside the user's reach by going down the tree from the grant regions
 * (`GET /api/regions?parent=`): a county reporter sees only its county, a prefecture coordinator its counties.
 */
import { useEffect, useState } from 'react';
import { Cascader } from 'antd';
import { useTranslation } from 'react-i18next';
import { regionLevel, regionLevels, type RegionLevel } from '../../../../src/kernel/region-code.ts';
import { api } from '../../api.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { reachRoots } from './reach.ts';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

interface Props {
  /** The level to pick at. */
  level: RegionLevel;
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  'data-testid'?: string;
}

const depth = (level: RegionLevel) => regionLevels.indexOf(level);

/** The cascader. */
export function RegionCascader({ level, value, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);
  const grantKey = JSON.stringify(user?.grants.map((grant) => grant.regionCode) ?? []);

  useEffect(() => {
    const roots = reachRoots(user?.grants ?? []).filter((root) => depth(regionLevel(root.code)) <= depth(level));
    setOptions(roots.map((root) => ({ value: root.code, label: root.name, isLeaf: regionLevel(root.code) === level })));
    setPath([]);
  }, [grantKey, level]);

  useEffect(() => {
    if (!value) setPath([]);
  }, [value]);

  async function loadData(selected: Option[]) {
    const target = selected[selected.length - 1];
    if (!target) return;
    const { items } = await api.get<{ items: { code: string; name: string; level: RegionLevel }[] }>('/api/regions', { parent: target.value });
    target.children = items.map((child) => ({ value: child.code, label: child.name, isLeaf: child.level === level || depth(child.level) >= depth(level) }));
    setOptions((current) => [...current]);
  }

  return (
    <Cascader
      style={{ width: 320 }}
      options={options}
      value={path.length ? path : undefined}
      loadData={(selected) => void loadData(selected as Option[])}
      placeholder={t('monitorEntry.pickRegion', { level: t(`regionLevels.${level}`) })}
      onChange={(next) => {
        const codes = (next ?? []) as string[];
        const last = codes[codes.length - 1];
        setPath(codes);
        onChange(last && regionLevel(last) === level ? last : undefined);
      }}
      data-testid={rest['data-testid']}
    />
  );
}
