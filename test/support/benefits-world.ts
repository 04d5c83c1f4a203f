/**
 * The world the matching tests share: 临夏县 and 和政县 offices, an enterprise account for a small enterprise in
 * 临夏县, another enterprise, and a registered-poor worker of 临夏县 hired by the first enterprise on 2020-01-15
 * through an organised transfer within the county; the policy packs loaded.
 */
import type { FastifyInstance } from 'fastify';
import { loadPolicyPacks } from '../../src/benefits/index.ts';
import { addEmployment, addPersonGroup, commandLineRegistryActor as registrar, createEnterprise, createPerson } from '../../src/registry/index.ts';
import type { Store } from '../../src/store/database.ts';
import { buildSignedInUsers, buildUnit, regions, systemContext } from './fixtures.ts';
import { creditCodeFor, residentIdFor } from './registry-ids.ts';

/** The accounts of the matching world. */
export type BenefitsWho = 'lxCaseworker' | 'lxReviewer' | 'hzCaseworker' | 'firm';

/** Builds the world with accounts named `<prefix>.<who>`; returns signed-in clients and the registry ids. */
export async function buildBenefitsWorld(store: Store, app: FastifyInstance, prefix: string) {
  const context = systemContext(store);
  await loadPolicyPacks(context);
  const lxUnit = await buildUnit(store, regions.linxiaCounty, `${prefix}临夏县人社局`);
  const hzUnit = await buildUnit(store, regions.hezheng, `${prefix}和政县人社局`);
  const firmUnit = await buildUnit(store, regions.linxiaCounty, `${prefix}临夏县某某农产品有限公司`);
  const { clients } = await buildSignedInUsers<BenefitsWho>(store, app, prefix, {
    lxCaseworker: ['caseworker', lxUnit],
    lxReviewer: ['reviewer', lxUnit],
    hzCaseworker: ['caseworker', hzUnit],
    firm: ['enterprise', firmUnit],
  });
  const firm = await createEnterprise(context, registrar, {
    creditCode: creditCodeFor('622921', 71), name: `${prefix}临夏县某某农产品有限公司`, kind: 'enterprise', industry: 'C13', regionCode: regions.linxiaCounty,
    establishedOn: '2019-01-15', employees: 25, revenueFen: 300_000_000, keyEnterprise: false, monitoredSample: false, unitId: firmUnit,
  });
  const otherFirm = await createEnterprise(context, registrar, {
    creditCode: creditCodeFor('622921', 72), name: `${prefix}临夏县另一家公司`, kind: 'individual_business', industry: 'F52', regionCode: regions.linxiaCounty,
    keyEnterprise: false, monitoredSample: false,
  });
  const poorLocal = await createPerson(context, registrar, { residentId: residentIdFor('622921', '1990-05-17', 81), name: '马某' });
  await addPersonGroup(context, registrar, poorLocal, { group: 'registered_poor', startDate: '2019-01-01' });
  await addEmployment(context, registrar, poorLocal, { enterpriseId: firm, startDate: '2020-01-15', organisedTransfer: true, transferAgency: '临夏县劳务公司' });
  return { clients, ids: { firm, otherFirm, poorLocal } };
}
