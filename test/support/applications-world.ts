/**
 * The world the benefits tests share: 临夏县 and 和政县 offices with caseworkers, two reviewers each and
 * coordinators; an enterprise account for a small enterprise in 临夏县; registered workers (one hired by the
 * enterprise, migrants from 临夏县 living in 和政县 transferred out of the province); the policy packs loaded,
 * and a version of the Linxia pack in which 临夏县 has set its 扶贫车间 award at 4000元.
 */
import type { FastifyInstance } from 'fastify';
import { loadPolicyPacks, policyCatalogue, recordPolicyPack } from '../../src/benefits/index.ts';
import { addEmployment, addPersonGroup, commandLineRegistryActor as registrar, createEnterprise, createPerson } from '../../src/registry/index.ts';
import type { Store } from '../../src/store/database.ts';
import { buildSignedInUsers, buildTestApp, buildUnit, formUploader, preparedStore, regions, systemContext } from './fixtures.ts';
import { creditCodeFor, residentIdFor } from './registry-ids.ts';
import type { Engine } from '../../src/store/database.ts';

/** The accounts of the benefits world. */
export type ApplicationsWho =
  | 'lxCaseworker'
  | 'lxReviewer'
  | 'lxReviewer2'
  | 'lxCoordinator'
  | 'hzCaseworker'
  | 'hzReviewer'
  | 'hzReviewer2'
  | 'firm'
  | 'otherFirm';

/** A PDF small enough for a test and real enough for the upload check. */
export const evidencePdf = Buffer.from('%PDF-1.4\n% 申请材料\n%%EOF\n');

/** Builds the world; returns the store, the app, signed-in clients and the registry ids. */
export async function buildApplicationsWorld(engine: Engine) {
  const store: Store = await preparedStore(engine);
  const app: FastifyInstance = await buildTestApp(store, { loginRateLimit: 1000, clock: () => new Date('2021-03-01T02:00:00Z') });
  const context = systemContext(store, new Date('2021-03-01T01:00:00Z'));
  await loadPolicyPacks(context);
  const linxia = (await policyCatalogue(store.db)).find((entry) => entry.packId === 'linxia-2020-employment');
  const document = (await store.db.selectFrom('benefit_policy_version').select('document').where('id', '=', linxia?.versionId ?? '').executeTakeFirstOrThrow()).document as { parameters: Record<string, Record<string, unknown>> };
  const withCounty = structuredClone(document);
  (withCounty.parameters.workshop_award as Record<string, unknown>).counties = { '622921': '4000元' };
  await recordPolicyPack(systemContext(store, new Date('2021-03-01T01:30:00Z')), withCounty, 'test county values');

  const lxUnit = await buildUnit(store, regions.linxiaCounty, '临夏县人社局');
  const hzUnit = await buildUnit(store, regions.hezheng, '和政县人社局');
  const firmUnit = await buildUnit(store, regions.linxiaCounty, '临夏县某某食品有限公司');
  const otherFirmUnit = await buildUnit(store, regions.linxiaCounty, '临夏县另一家公司');
  const { ids, clients } = await buildSignedInUsers<ApplicationsWho>(store, app, 'ben', {
    lxCaseworker: ['caseworker', lxUnit],
    lxReviewer: ['reviewer', lxUnit],
    lxReviewer2: ['reviewer', lxUnit],
    lxCoordinator: ['coordinator', lxUnit],
    hzCaseworker: ['caseworker', hzUnit],
    hzReviewer: ['reviewer', hzUnit],
    hzReviewer2: ['reviewer', hzUnit],
    firm: ['enterprise', firmUnit],
    otherFirm: ['enterprise', otherFirmUnit],
  });

  const firmCode = creditCodeFor('622921', 31);
  const firmId = await createEnterprise(context, registrar, {
    creditCode: firmCode, name: '临夏县某某食品有限公司', kind: 'enterprise', industry: 'C13', regionCode: regions.linxiaCounty,
    establishedOn: '2018-03-01', employees: 25, revenueFen: 300_000_000, keyEnterprise: false, monitoredSample: false, unitId: firmUnit,
  });
  const otherFirmId = await createEnterprise(context, registrar, {
    creditCode: creditCodeFor('622921', 32), name: '临夏县另一家公司', kind: 'enterprise', industry: 'C13', regionCode: regions.linxiaCounty,
    employees: 10, revenueFen: 100_000_000, keyEnterprise: false, monitoredSample: false, unitId: otherFirmUnit,
  });

  /** A registered-poor worker of 临夏县, hired by the firm on 2020-01-15. */
  const workerResidentId = residentIdFor('622921', '1992-04-08', 51);
  const workerId = await createPerson(context, registrar, { residentId: workerResidentId, name: '马小军' });
  await addPersonGroup(context, registrar, workerId, { group: 'registered_poor', startDate: '2019-01-01' });
  await addEmployment(context, registrar, workerId, { enterpriseId: firmId, startDate: '2020-01-15', organisedTransfer: false });

  /** Registered-poor migrants of 临夏县 living in 和政县, transferred out of the province on 2020-03-01. */
  const migrants: { id: string; residentId: string }[] = [];
  for (const sequence of [61, 62, 63]) {
    const residentId = residentIdFor('622921', '1988-09-12', sequence);
    const id = await createPerson(context, registrar, { residentId, name: `移民${sequence}`, currentRegionCode: regions.hezheng });
    await addPersonGroup(context, registrar, id, { group: 'registered_poor', startDate: '2019-01-01' });
    await addEmployment(context, registrar, id, { employerName: '昆明某建筑公司', employerRegionCode: regions.wenshan, startDate: '2020-03-01', organisedTransfer: true, transferAgency: '临夏县劳务公司' });
    migrants.push({ id, residentId });
  }

  const upload = {
    firm: await formUploader(app, 'ben.firm'),
    lxCaseworker: await formUploader(app, 'ben.lxCaseworker'),
    hzCaseworker: await formUploader(app, 'ben.hzCaseworker'),
  };
  return { store, app, ids, clients, upload, firmId, firmCode, otherFirmId, workerId, workerResidentId, migrants };
}
