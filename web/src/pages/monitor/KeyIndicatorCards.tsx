/**
 * The dashboard's key indicators as cards: the figure, its change on the previous period (环比) and on the
 * same period a year earlier (同比), and the plan target with the share the time schedule (时序进度) expects.
 */
import { Card, Col, Empty, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/index.ts';
import { changePercent, formatChange, formatFigure, standingLabel } from './figures.ts';
import { periodText } from './periods.ts';
import type { DashboardItem } from './types.ts';

interface Props {
  items: DashboardItem[];
  selected: string | null;
  onSelect: (indicator: string) => void;
}

const standingColours = { met: 'green', behind: 'red', unknown: 'default' } as const;

function Change({ label, period, value, base }: { label: string; period: string; value: number | null; base: number | null }) {
  const change = changePercent(value, base);
  return (
    <Tooltip title={`${periodText(period, currentLocale())}：${formatFigure(base, 2)}`}>
      <Typography.Text type={change === null ? 'secondary' : change > 0 ? 'success' : change < 0 ? 'danger' : undefined} style={{ fontSize: 12 }}>
        {label} {formatChange(change)}
      </Typography.Text>
    </Tooltip>
  );
}

function Target({ item }: { item: DashboardItem }) {
  const { t } = useTranslation();
  const english = currentLocale() === 'en';
  const target = item.target;
  if (!target) return <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('monitor.noTarget')}</Typography.Text>;
  // the server converts the target to the indicator's unit and judges it; the card only shows the verdict
  return (
    <Space orientation="vertical" size={0} style={{ fontSize: 12 }} data-testid="kpi-target">
      <span>
        {t('monitor.target')} {target.comparator === '>=' ? '≥' : target.comparator === '<=' ? '≤' : '='} {target.value}
        {target.unit} · {t('monitor.deadline', { date: target.deadline })}
      </span>
      {target.cumulative && target.due !== null && (
        <span data-testid="kpi-schedule">
          {t('monitor.schedule', { share: Math.round(target.expectedShare * 1000) / 10, amount: formatFigure(target.due, item.decimals), unit: item.unit })}
        </span>
      )}
      {target.notComparedBecause ? (
        <Typography.Text type="secondary" data-testid="kpi-not-compared">{english ? target.notComparedBecause.en : target.notComparedBecause.zh}</Typography.Text>
      ) : (
        <Tag color={standingColours[target.standing]} style={{ width: 'fit-content' }} data-testid="kpi-standing" data-standing={target.standing}>
          {t(`monitorStanding.${standingLabel(target)}`)}
        </Tag>
      )}
    </Space>
  );
}

/** The cards, four to a row on a wide screen; a click picks the indicator the charts show. */
export function KeyIndicatorCards({ items, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const english = currentLocale() === 'en';
  if (items.length === 0) return <Empty description={t('monitor.noKeyIndicators')} />;
  return (
    <Row gutter={[12, 12]}>
      {items.map((item) => (
        <Col key={item.indicator} xs={24} sm={12} lg={8} xl={6}>
          <Card
            size="small"
            hoverable
            onClick={() => onSelect(item.indicator)}
            style={{ height: '100%', borderColor: item.indicator === selected ? '#1677ff' : undefined }}
            data-testid={`kpi-${item.indicator}`}
          >
            <Typography.Text type="secondary">{english ? item.nameEn : item.nameZh}</Typography.Text>
            <div style={{ fontSize: 24, fontWeight: 600, margin: '4px 0' }}>
              <span data-testid="kpi-value">{formatFigure(item.value, item.decimals)}</span>
              <span style={{ fontSize: 14, fontWeight: 400, marginInlineStart: 4 }}>{item.unit}</span>
            </div>
            {item.value === null && item.missing.some((code) => code !== item.indicator) && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {t('monitor.missing', { codes: item.missing.join('、') })}
              </Typography.Text>
            )}
            {item.yearToDate !== null && item.frequency !== 'year' && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} data-testid="kpi-year-to-date">
                {t('monitor.yearToDate', { value: formatFigure(item.yearToDate, item.decimals), unit: item.unit })}
              </Typography.Text>
            )}
            <Space size={12} wrap>
              <Change label={t('monitor.onPrevious')} period={item.previousPeriod} value={item.value} base={item.previous} />
              <Change label={t('monitor.onYearAgo')} period={item.yearAgoPeriod} value={item.value} base={item.yearAgo} />
            </Space>
            <div style={{ marginTop: 6 }}>
              <Target item={item} />
            </div>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
