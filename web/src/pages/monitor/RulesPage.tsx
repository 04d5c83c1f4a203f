/** 预警规则 (/monitor/rules): the warning rules with their sources, editable by coordinators, and the indicator catalogue. */
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { IndicatorsTable } from './IndicatorsTable.tsx';
import { RulesTable } from './RulesTable.tsx';

/** The page at /monitor/rules. */
export default function RulesPage() {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('monitorNav.rules')}>
      <Tabs
        items={[
          { key: 'rules', label: t('rules.title'), children: <RulesTable /> },
          { key: 'indicators', label: <span data-testid="rules-tab-indicators">{t('rules.indicators')}</span>, children: <IndicatorsTable /> },
        ]}
      />
    </Card>
  );
}
