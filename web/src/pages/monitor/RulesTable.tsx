/** Warning rules in or above the user's reach (`GET /api/monitor/warning-rules`), with source, boundaries, enable/disable and edit. */
import { useState } from 'react';
import { App, Button, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelNames, levelNumber } from '../../../../src/contracts/monitor-warnings-constants.ts';
import { api, apiUrl, errorMessage } from '../../api.ts';
import { pagedTableProps } from '../../components/pagedTableProps.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import { levelColours } from './figures.ts';
import { RuleEditDrawer } from './RuleEditDrawer.tsx';
import type { Page, RuleView } from './types.ts';

const pageSize = 20;
const sourceColours = { document: 'blue', public_norm: 'purple', platform_default: 'default' } as const;

/** The rules table with its edit drawer. */
export function RulesTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<RuleView | null>(null);
  const { data, loading, replace } = useFetch<Page<RuleView>>(apiUrl('/api/monitor/warning-rules', { limit: pageSize, offset: (page - 1) * pageSize }));
  const english = currentLocale() === 'en';

  function changed(rule: RuleView) {
    replace((current) => (current ? { ...current, items: current.items.map((item) => (item.id === rule.id ? rule : item)) } : current));
  }

  async function toggle(rule: RuleView, enabled: boolean) {
    try {
      changed(await api.post<RuleView>(`/api/monitor/warning-rules/${rule.id}/${enabled ? 'enable' : 'disable'}`));
    } catch (error) {
      message.error(errorMessage(error));
    }
  }

  return (
    <>
      <Table<RuleView>
        size="small"
        data-testid="rules-table"
        {...pagedTableProps({ data, loading, page, pageSize, setPage })}
        expandable={{ expandedRowRender: (rule) => <Typography.Paragraph style={{ margin: 0 }}>{rule.source}</Typography.Paragraph> }}
        columns={[
          {
            title: t('rules.rule'),
            key: 'name',
            render: (_, rule) => (
              <span>
                {english ? rule.nameEn : rule.nameZh}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {rule.code}
                </Typography.Text>
              </span>
            ),
          },
          { title: t('alerts.indicator'), key: 'indicator', render: (_, rule) => (english ? rule.indicator.nameEn : rule.indicator.nameZh) },
          { title: t('rules.kind'), dataIndex: 'kind', render: (kind: RuleView['kind']) => t(`warningKinds.${kind}`) },
          { title: t('rules.scope'), key: 'scope', render: (_, rule) => `${rule.scopeRegionName} · ${t(`monitorLevels.${rule.watchLevel}`)}` },
          {
            title: t('rules.boundaries'),
            key: 'thresholds',
            render: (_, rule) =>
              levelNames
                .filter((name) => rule.thresholds[name] !== undefined)
                .map((name) => (
                  <Tag key={name} color={levelColours[levelNumber[name]]} style={name === 'III' ? { color: '#000' } : undefined}>
                    {name} {rule.direction === 'above' ? '≥' : '≤'} {rule.thresholds[name]}
                  </Tag>
                )),
          },
          {
            title: t('rules.source'),
            key: 'source',
            render: (_, rule) => (
              <Tooltip title={rule.source}>
                <Tag color={sourceColours[rule.sourceKind]} data-testid="rule-source-kind">{t(`ruleSourceKinds.${rule.sourceKind}`)}</Tag>
              </Tooltip>
            ),
          },
          {
            title: t('rules.enabled'),
            key: 'enabled',
            render: (_, rule) => <Switch size="small" checked={rule.enabled} disabled={!rule.abilities.enable} onChange={(checked) => void toggle(rule, checked)} data-testid="rule-enabled" />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, rule) =>
              rule.abilities.update ? (
                <Button size="small" type="link" onClick={() => setEditing(rule)} data-testid="rule-edit">
                  {t('rules.edit')}
                </Button>
              ) : null,
          },
        ]}
      />
      <RuleEditDrawer
        rule={editing}
        onClose={() => setEditing(null)}
        onSaved={(rule) => {
          changed(rule);
          setEditing(null);
        }}
      />
    </>
  );
}
