import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPlanPack, parsePlanPack, readPlanPack, walkTasks } from './plan-pack.ts';

const packsDir = new URL('../../packs/plans/', import.meta.url);

const minimal = `
format: wenbao-plan-pack/1
units:
  - { name: 区政府, region: '500111', kind: government }
  - { name: 区人力社保局, fullName: 大足区人力资源和社会保障局, region: '500111', kind: department }
  - { name: 区财政局, region: '500111', kind: department }
plans:
  - key: example
    title: 示例方案
    docNumber: 大足府办发〔2020〕41号
    issuer: 区政府
    region: '500111'
    issuedOn: 2020-05-20
    start: 2020-05-20
    end: 2020-12-31
    schedule: { kind: fixed, dates: [{ period: 2020H1, due: 2020-07-10, text: 7月上旬 }] }
    leadRule: first-listed
    sources: [{ document: 003_6808aec221edb563.txt }]
    sections:
      - number: 一
        title: 明确目标任务
        tasks:
          - number: '1'
            text: 继续执行好阶段性降低失业保险费率政策。
            clause: 二、(一)1
            lead: 区人力社保局
            units: [区人力社保局, 区财政局]
            targets: [urban-new-jobs]
    targets:
      - key: urban-new-jobs
        indicator: 城镇新增就业
        region: '500111'
        comparator: '>='
        value: 14000
        unit: 人
        deadline: 2020-12-31
        milestones: [{ by: 2020-06-30, share: 0.5 }]
        text: 确保完成全年城镇新增就业1.4万人以上
        clause: 一、
`;

describe('parsePlanPack', () => {
  it('reads a consistent pack', () => {
    const pack = parsePlanPack(minimal, 'example.yaml');
    expect(pack.plans[0]?.targets[0]?.milestones).toEqual([{ by: '2020-06-30', share: 0.5 }]);
    expect([...walkTasks(pack.plans[0]?.sections ?? [])].map((entry) => entry.task.number)).toEqual(['1']);
  });

  it('names the field of a shape error', () => {
    expect(() => parsePlanPack(minimal.replace("value: 14000", "value: 一万四"), 'bad.yaml')).toThrow(/plans\.0\.targets\.0\.value/);
  });

  it('refuses a unit name missing from the directory', () => {
    expect(() => parsePlanPack(minimal.replace('[区人力社保局, 区财政局]', '[区人力社保局, 区税务局]'), 'bad.yaml')).toThrow(/"区税务局" is not in the units directory/);
  });

  it('refuses a lead that is not first under the first-listed rule', () => {
    expect(() => parsePlanPack(minimal.replace('lead: 区人力社保局', 'lead: 区财政局'), 'bad.yaml')).toThrow(/first-listed rule/);
  });

  it('refuses a task pointing at a target that does not exist', () => {
    expect(() => parsePlanPack(minimal.replace('targets: [urban-new-jobs]', 'targets: [retail-sales]'), 'bad.yaml')).toThrow(/no target with key retail-sales/);
  });

  it('refuses malformed YAML with the file name', () => {
    expect(() => parsePlanPack('format: [', 'broken.yaml')).toThrow(/broken.yaml.*not valid YAML/s);
  });
});

describe('shipped plan packs', () => {
  const files = readdirSync(packsDir).filter((file) => /\.(ya?ml|json)$/.test(file));

  it('ships the seed programmes', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s is valid and consistent', (file) => {
    const pack = readPlanPack(new URL(file, packsDir).pathname);
    expect(checkPlanPack(pack)).toEqual([]);
  });
});
