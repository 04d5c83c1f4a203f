/**
 * The columns of the registry's import files and how a header row is matched to them. Headers are matched
 * by name (with the usual variants), in any order; columns the importer does not know are ignored.
 */
import type { RegistryImportKind } from '../../contracts/registry-constants.ts';

/** One column the importer reads. */
export interface ColumnSpec {
  key: string;
  /** The header as the template prints it; errors name the column by the header the file used. */
  label: string;
  labelEn: string;
  pattern: RegExp;
  required: boolean;
}

function column(key: string, label: string, labelEn: string, pattern: RegExp, required = false): ColumnSpec {
  return { key, label, labelEn, pattern, required };
}

/** The columns of each kind of import file. */
export const importColumns: Record<RegistryImportKind, ColumnSpec[]> = {
  persons: [
    column('residentId', '身份证号', 'Resident ID', /^(公民)?身份(证)?号(码)?$|^证件号码$/, true),
    column('name', '姓名', 'Name', /^姓名$/, true),
    column('hukouRegion', '户籍地区划代码', 'Hukou region code', /^户籍(地|所在地)?(区划)?(代码|编码)$/),
    column('currentRegion', '现居住地区划代码', 'Current region code', /^(现居住地|常住地|现住址)(区划)?(代码|编码)$/),
    column('phone', '联系电话', 'Phone', /^(联系电话|手机号码?|电话)$/),
    column('intent', '就业意向', 'Employment intent', /^就业意向$/),
    column('groups', '人员类别', 'Groups', /^人员类别$/),
    column('groupStart', '类别认定日期', 'Group start date', /^类别(认定|起始)日期$/),
  ],
  enterprises: [
    column('creditCode', '统一社会信用代码', 'Credit code', /^统一社会信用代码$/, true),
    column('name', '名称', 'Name', /^(企业|单位|主体)?名称$/, true),
    column('kind', '主体类型', 'Kind', /^(主体|市场主体|企业)?类型$/),
    column('industry', '行业代码', 'Industry code', /^(国民经济)?行业(代码|分类)?$/, true),
    column('region', '所在地区划代码', 'Region code', /^(所在地|注册地)?(区划)?(代码|编码)$/, true),
    column('established', '成立日期', 'Established on', /^成立(日期|时间)$/),
    column('employees', '从业人员', 'Employees', /^(从业人员|从业人数|职工人数)(（人）|\(人\))?$/),
    column('revenue', '营业收入（元）', 'Revenue (yuan)', /^营业收入(（元）|\(元\))$/),
    column('assets', '资产总额（元）', 'Total assets (yuan)', /^资产总额(（元）|\(元\))$/),
    column('keyEnterprise', '重点企业', 'Key enterprise', /^重点企业$/),
    column('monitoredSample', '监测样本', 'Monitored sample', /^监测样本(企业)?$/),
  ],
  employment: [
    column('residentId', '身份证号', 'Resident ID', /^(公民)?身份(证)?号(码)?$|^证件号码$/, true),
    column('employer', '用工单位', 'Employer', /^(用工|就业)单位(名称)?$/, true),
    column('creditCode', '统一社会信用代码', 'Credit code', /^(用工单位)?统一社会信用代码$/),
    column('employerRegion', '就业地区划代码', 'Employer region code', /^就业地(区划)?(代码|编码)$/),
    column('start', '开始日期', 'Start date', /^(就业)?开始日期$/, true),
    column('end', '结束日期', 'End date', /^(就业)?结束日期$/),
    column('organised', '有组织输转', 'Organised transfer', /^有组织(输转|劳务输出)$/),
    column('agency', '输转机构', 'Transfer agency', /^输转机构$/),
  ],
};

/** A problem with one cell (or a missing column), in both languages. */
export interface CellProblem {
  column: string;
  zh: string;
  en: string;
}

/** A problem located in the file. */
export interface RowProblem extends CellProblem {
  row: number;
}

/** Where each known column is in the file, and the header text the file uses for it. */
export interface HeaderMap {
  index: Map<string, number>;
  label: Map<string, string>;
}

function normalizeHeader(text: string): string {
  return text.replace(/[\s*＊:：]/g, '');
}

/** Matches a header row to the kind's columns; problems name each required column that is missing. */
export function mapHeader(kind: RegistryImportKind, cells: readonly string[], row: number): { header: HeaderMap; problems: RowProblem[] } {
  const header: HeaderMap = { index: new Map(), label: new Map() };
  const problems: RowProblem[] = [];
  for (const spec of importColumns[kind]) {
    const position = cells.findIndex((cell) => spec.pattern.test(normalizeHeader(cell)));
    if (position >= 0) {
      header.index.set(spec.key, position);
      header.label.set(spec.key, cells[position] ?? spec.label);
    } else if (spec.required) {
      problems.push({
        row,
        column: spec.label,
        zh: `缺少必填列“${spec.label}”，请使用导入模板的表头。`,
        en: `The required column "${spec.label}" (${spec.labelEn}) is missing; use the template's header row.`,
      });
    }
  }
  return { header, problems };
}
