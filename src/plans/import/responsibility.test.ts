import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPlanPack, walkTasks } from '../plan-pack.ts';
import { detectLeadRuleHint, isCollectiveName, parseResponsibility, parseResponsibilityCell } from './responsibility.ts';
import { looksTraditional, toSimplified } from './simplified.ts';

// Real task texts from the seed documents: 003 大足府办发〔2020〕41号, 004 临夏州“六保”方案汇编,
// 002 云政办发〔2019〕57号, 001 临夏州保居民就业方案.
const dazuFirst =
  '1．阶段性降低失业保险费率、工伤保险费率政策，实施期限延长至2021年4月30日。参保企业面临暂时性生产经营困难且恢复有望、坚持不裁员或少裁员的失业保险稳岗返还政策，以及困难企业开展职工在岗培训的补贴政策，实施期限均延长至2020年12月31日。（责任单位：区人力社保局、区发展改革委、区经济信息委、区财政局、区生态环境局、区国资委、经开区经发局、区税务局。备注：列第一责任单位的为牵头单位，下同。）';
const dazuCollective =
  '34．在农村中小型基础设施建设、农村危房改造中实施以工代赈，组织建档立卡贫困人口参与工程项目建设。（责任单位：区农业农村委〔区扶贫办〕、区住房城乡建委、经开区建设局、各镇街人民政府〔办事处〕）';
const dazuCollectiveFirst =
  '57．各镇街人民政府（办事处）、各单位要切实履行稳就业工作责任，压实促进就业工作责任。（责任单位：各镇街人民政府〔办事处〕、相关单位）';
const linxiaNamed =
  '5. 积极落实国家新出台普惠性政策。小规模纳税人3月-12月取得的适用3%征收率(预征率)的应税销售收入减按1%征收率(预征率)征收增值税等政策落实。(牵头部门:州人社局、州税务局,责任单位:各县(市)政府)';
const linxiaCarryForward =
  '1.合理扩大有效投资。建立技能培训与项目建设协同机制，提升农民工劳动力价值。(责任单位：州发展改革委、州人社局、州住建局、州工信局、州农村农业局、州商务局、州财政局，各县市，以下各项工作任务均需各县市负责实施，不再逐条列出)';
const linxiaSomeCounties = '2、加强调度。制定供电预案及应急预案,确保全州电网安全运行、满足用电需求。(责任单位:州工信局、州发展改革委、国网临夏供电公司,有关县市)';
const linxiaSpaced = '层层压实相关责任,确保全州能源保障安全。(责任单位: 州工信局、州应急局、州发展改革委、州自然资源局,各县市,各相关企业)';
const linxiaEtCetera = '2.扩大以工代赈。确保本地劳动力就近就地就业率达35%以上。(责任单位:州人社局、州发展改革委等州直相关部门,各县市)';
const yunnanResponsible =
  '(三)推动贫困地区农产品进入市场。(省扶贫办、省发展改革委、省人力资源社会保障厅、省农业农村厅、省商务厅、省文化和旅游厅、省供销合作社联合社、省沪滇扶贫协作办、省粤滇扶贫协作办负责)';
const yunnanCollective =
  '(一)鼓励各级机关和国有企事业单位等带头参与消费扶贫。引导干部职工自发购买贫困地区产品和到贫困地区旅游。(省扶贫办、省教育厅、省民政厅、省农业农村厅、省商务厅、省文化和旅游厅、省卫生健康委、省医保局、省级和驻滇定点扶贫单位,各州、市人民政府负责;以下均需各州、市人民政府负责抓好落实,不再列出)';

describe('parseResponsibility: 责任单位 lists', () => {
  it('reads the Dazu note, its first-listed remark, and keeps the task text apart', () => {
    const result = parseResponsibility(dazuFirst);
    expect(result.units).toEqual(['区人力社保局', '区发展改革委', '区经济信息委', '区财政局', '区生态环境局', '区国资委', '经开区经发局', '区税务局']);
    expect(result.leadRuleHint).toBe('first-listed');
    expect(result.lead).toBe('区人力社保局');
    expect(result.notes).toEqual(['备注：列第一责任单位的为牵头单位，下同']);
    expect(result.notation.startsWith('（责任单位：区人力社保局')).toBe(true);
    expect(result.remainder.endsWith('实施期限均延长至2020年12月31日。')).toBe(true);
    expect(result.remainder).not.toContain('责任单位');
  });

  it('designates no lead without the first-listed rule, and the first listed with it', () => {
    const plain = '稳定就业。（责任单位：区人力社保局、区财政局）';
    expect(parseResponsibility(plain).lead).toBeNull();
    expect(parseResponsibility(plain, { leadRule: 'first-listed' }).lead).toBe('区人力社保局');
    expect(parseResponsibility(plain, { leadRule: 'none' }).lead).toBeNull();
    expect(parseResponsibility(dazuFirst, { leadRule: 'none' }).lead).toBeNull();
  });

  it('keeps a bracketed part of a name inside the name, and recognises 各镇街人民政府〔办事处〕', () => {
    const result = parseResponsibility(dazuCollective, { leadRule: 'first-listed' });
    expect(result.units).toEqual(['区农业农村委〔区扶贫办〕', '区住房城乡建委', '经开区建设局', '各镇街人民政府〔办事处〕']);
    expect(result.collectives).toEqual(['各镇街人民政府〔办事处〕']);
    expect(result.lead).toBe('区农业农村委〔区扶贫办〕');
  });

  it('leads with a collective when it is listed first under the first-listed rule', () => {
    const result = parseResponsibility(dazuCollectiveFirst, { leadRule: 'first-listed' });
    expect(result.lead).toBe('各镇街人民政府〔办事处〕');
    expect(result.units).toEqual(['各镇街人民政府〔办事处〕', '相关单位']);
    expect(result.remainder.startsWith('57．各镇街人民政府（办事处）、各单位要')).toBe(true);
  });

  it('reads full- and half-width brackets and colons and stray spaces alike', () => {
    const expected = ['区人力社保局', '区财政局'];
    for (const text of ['稳岗。(责任单位:区人力社保局、区财政局)', '稳岗。（责任单位：区人力社保局，区财政局。）', '稳岗。（ 责任单位 ： 区人力 社保局 ; 区财政局 ）', '稳岗。(责任单位：区人力社保局及区财政局)']) {
      expect(parseResponsibility(text).units, text).toEqual(expected);
    }
  });

  it('keeps remarks out of the units (以下各项工作任务均需各县市负责实施)', () => {
    const result = parseResponsibility(linxiaCarryForward);
    expect(result.units).toEqual(['州发展改革委', '州人社局', '州住建局', '州工信局', '州农村农业局', '州商务局', '州财政局', '各县市']);
    expect(result.collectives).toEqual(['各县市']);
    expect(result.notes).toEqual(['以下各项工作任务均需各县市负责实施，不再逐条列出']);
    expect(result.carriedForward).toEqual(['各县市']);
  });

  it('keeps 有关县市 and 各相关企业 as named units, not collectives', () => {
    const some = parseResponsibility(linxiaSomeCounties);
    expect(some.units).toEqual(['州工信局', '州发展改革委', '国网临夏供电公司', '有关县市']);
    expect(some.collectives).toEqual([]);
    const spaced = parseResponsibility(linxiaSpaced);
    expect(spaced.units).toEqual(['州工信局', '州应急局', '州发展改革委', '州自然资源局', '各县市', '各相关企业']);
    expect(spaced.collectives).toEqual(['各县市']);
  });

  it('splits 州发展改革委等州直相关部门 into the unit and the group', () => {
    expect(parseResponsibility(linxiaEtCetera).units).toEqual(['州人社局', '州发展改革委', '州直相关部门', '各县市']);
  });

  it('ignores a bracket at the end that is not a responsibility note', () => {
    const text = '新增需就业人员约1.8万人(含择业期内未落实工作单位的高校毕业生)';
    expect(parseResponsibility(text)).toMatchObject({ units: [], notation: '', remainder: text });
    expect(parseResponsibility('完善就业统计监测制度。').units).toEqual([]);
  });
});

describe('parseResponsibility: named leads', () => {
  it('makes the first 牵头部门 the lead and puts every lead before the 责任单位', () => {
    const result = parseResponsibility(linxiaNamed);
    expect(result.lead).toBe('州人社局');
    expect(result.units).toEqual(['州人社局', '州税务局', '各县(市)政府']);
    expect(result.collectives).toEqual(['各县(市)政府']);
    expect(result.remainder).toContain('(预征率)征收增值税等政策落实。');
    expect(result.remainder).not.toContain('牵头部门');
  });

  it('reads 〔牵头单位:…;责任单位:…〕 and (牵头单位：A；责任单位：B、C)', () => {
    for (const text of ['抓落实。〔牵头单位:州人社局;责任单位:州财政局、各县(市)〕', '抓落实。(牵头单位：州人社局；责任单位：州财政局、各县（市）)']) {
      const result = parseResponsibility(text);
      expect(result.lead, text).toBe('州人社局');
      expect(result.units.slice(0, 2), text).toEqual(['州人社局', '州财政局']);
      expect(result.collectives, text).toHaveLength(1);
    }
  });

  it('puts the leads first even when the 责任单位 are written before them', () => {
    const result = parseResponsibility('抓落实。(责任单位：州财政局；牵头单位：州人社局)');
    expect(result).toMatchObject({ lead: '州人社局', units: ['州人社局', '州财政局'] });
  });

  it('reads an unbracketed labelled note at the end: 牵头部门:A、B,责任单位:C', () => {
    const result = parseResponsibility('建立问题台账，实行销号管理。牵头部门:州工信局、州商务局,责任单位:各县(市)');
    expect(result).toMatchObject({ lead: '州工信局', units: ['州工信局', '州商务局', '各县(市)'], collectives: ['各县(市)'] });
    expect(result.remainder).toBe('建立问题台账，实行销号管理。');
  });

  it('reads (A牵头，B、C配合)', () => {
    expect(parseResponsibility('建立机制。（州人社局牵头，州财政局、州税务局配合）')).toMatchObject({
      lead: '州人社局',
      units: ['州人社局', '州财政局', '州税务局'],
    });
  });
});

describe('parseResponsibility: (…负责)', () => {
  it('reads the Yunnan notation with no lead', () => {
    const result = parseResponsibility(yunnanResponsible);
    expect(result.lead).toBeNull();
    expect(result.units).toHaveLength(9);
    expect(result.units[0]).toBe('省扶贫办');
    expect(result.units.at(-1)).toBe('省粤滇扶贫协作办');
    expect(result.remainder).toBe('(三)推动贫困地区农产品进入市场。');
  });

  it('keeps 各州、市人民政府 whole as a collective and the rest of the note as a remark', () => {
    const result = parseResponsibility(yunnanCollective);
    expect(result.units.slice(-2)).toEqual(['省级和驻滇定点扶贫单位', '各州、市人民政府']);
    expect(result.collectives).toEqual(['各州、市人民政府']);
    expect(result.notes).toEqual(['以下均需各州、市人民政府负责抓好落实,不再列出']);
    expect(result.carriedForward).toEqual(['各州、市人民政府']);
  });

  it('reads （A、B 按职责分工负责） and leads with the first only under the first-listed rule', () => {
    const text = '做好宣传。（州人社局、州财政局 按职责分工负责）';
    expect(parseResponsibility(text)).toMatchObject({ lead: null, units: ['州人社局', '州财政局'] });
    expect(parseResponsibility(text, { leadRule: 'first-listed' }).lead).toBe('州人社局');
  });

  it('reads （具体由各县市负责） and （各县市负责组织实施）', () => {
    expect(parseResponsibility('抓好落实。（具体由各县市负责）')).toMatchObject({ units: ['各县市'], collectives: ['各县市'] });
    expect(parseResponsibility('抓好落实。（各县市负责组织实施）').units).toEqual(['各县市']);
  });
});

describe('parseResponsibilityCell', () => {
  it('reads a plain list of units', () => {
    expect(parseResponsibilityCell('区人力社保局、区财政局，各镇街人民政府(办事处)')).toMatchObject({
      lead: null,
      units: ['区人力社保局', '区财政局', '各镇街人民政府(办事处)'],
      collectives: ['各镇街人民政府(办事处)'],
    });
  });

  it('reads a whole labelled note in a cell, bracketed or not', () => {
    for (const cell of ['牵头部门:州人社局、州税务局,责任单位:各县(市)', '（牵头单位：州人社局、州税务局；责任单位：各县（市））']) {
      expect(parseResponsibilityCell(cell), cell).toMatchObject({ lead: '州人社局', units: ['州人社局', '州税务局', expect.stringMatching(/^各县/)] });
    }
  });

  it('reports a name too long to be a unit', () => {
    const result = parseResponsibilityCell('区人力社保局、这一项工作由各有关部门根据本地区本行业的实际情况认真研究确定具体的责任分工并报区政府审定后执行');
    expect(result.problems).toHaveLength(1);
  });

  it('gives nothing for an empty cell', () => {
    expect(parseResponsibilityCell('  ')).toMatchObject({ units: [], lead: null });
  });
});

describe('collectives', () => {
  it.each(['各县(市)', '各县（市）人民政府', '各镇街人民政府〔办事处〕', '各镇街人民政府(办事处)', '各州、市人民政府', '各县市', '各县', '各县(市)政府', '各乡镇（街道）', '各县（市、区）'])(
    '%s is a collective',
    (name) => expect(isCollectiveName(name)).toBe(true),
  );

  it.each(['有关县市', '相关县（市）', '各相关企业', '各相关部门', '各级、各相关部门', '各县(市)供电公司', '各县（市）人力资源社会保障部门', '州人社局'])(
    '%s is not',
    (name) => expect(isCollectiveName(name)).toBe(false),
  );
});

describe('lead-rule hints', () => {
  it.each(['列第一位者为牵头单位', '列第一责任单位的为牵头单位，下同。', '备注：排在首位的为牵头单位', '列在第一位的单位为牵头部门'])('%s states the first-listed rule', (text) =>
    expect(detectLeadRuleHint(text)).toBe('first-listed'),
  );

  it('finds none in an ordinary sentence', () => {
    expect(detectLeadRuleHint('各项任务牵头单位要协调其他责任部门，协同推进相关工作')).toBeNull();
  });
});

describe('Traditional characters', () => {
  it('parses a Traditional note like its Simplified form', () => {
    const result = parseResponsibility('穩定就業。（責任單位：區人力社保局、區財政局）');
    expect(result.units).toEqual(['区人力社保局', '区财政局']);
    expect(result.remainder).toBe('稳定就业。');
    expect(parseResponsibility('落實。（牽頭單位：州人社局；責任單位：各縣（市）人民政府）')).toMatchObject({
      lead: '州人社局',
      collectives: ['各县（市）人民政府'],
    });
    expect(detectLeadRuleHint('列第一責任單位的為牽頭單位')).toBe('first-listed');
  });

  it('leaves Simplified text alone, even characters OpenCC would rewrite (乾县, 显著)', () => {
    expect(looksTraditional('乾县人民政府作用显著')).toBe(false);
    expect(toSimplified('乾县人民政府作用显著')).toBe('乾县人民政府作用显著');
    expect(parseResponsibility('成效显著。（责任单位：乾县人社局）').units).toEqual(['乾县人社局']);
  });
});

describe('agreement with the shipped plan packs', () => {
  it('reads every responsibility note of packs/plans as the pack encodes it, remarks carried forward', () => {
    const packsDir = new URL('../../../packs/plans/', import.meta.url);
    let compared = 0;
    for (const file of readdirSync(packsDir).filter((name) => name.endsWith('.yaml'))) {
      for (const plan of readPlanPack(new URL(file, packsDir).pathname).plans) {
        let carried: string[] = [];
        for (const { task } of walkTasks(plan.sections)) {
          if (!task.responsibilityText) continue;
          const result = parseResponsibilityCell(task.responsibilityText, { leadRule: plan.leadRule });
          expect({ lead: result.lead, units: [...new Set([...result.units, ...carried])] }, `${file} ${task.number}`).toEqual({ lead: task.lead, units: task.units });
          carried = [...new Set([...carried, ...result.carriedForward])];
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(150);
  });
});
