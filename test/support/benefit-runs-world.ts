/**
 * A small registry for the matching and run tests: 临夏县 and 和政县 with an SME, persons with groups and
 * employment spells (organised transfers in the province and out of it), the policy packs loaded, and the
 * accounts that match, run, approve and try changes.
 */
import type { FastifyInstance } from 'fastify';
import { loadPolicyPacks } from '../../src/benefits/index.ts';
import type { Store } from '../../src/store/database.ts';
import { buildSignedInUsers, buildUnit, regions, systemContext, type TestClient } from './fixtures.ts';
import { creditCodeFor, residentIdFor } from './registry-ids.ts';

/** Who signs in to the matching and run tests. */
export type RunsWho = 'lxCaseworker' | 'hzCaseworker' | 'lxReviewer' | 'prefectureCoordinator' | 'hzCoordinator' | 'firm' | 'otherFirm';

async function ok(response: { statusCode: number; body: string; json(): { id: string } }, what: string): Promise<string> {
  if (response.statusCode >= 300) throw new Error(`${what}: ${response.statusCode} ${response.body}`);
  return response.json().id;
}

/** Builds the world over HTTP as the caseworkers would; returns the signed-in clients and the ids of the records. */
export async function buildRunsWorld(store: Store, app: FastifyInstance, prefix: string) {
  await loadPolicyPacks(systemContext(store));
  const lxUnit = await buildUnit(store, regions.linxiaCounty, `${prefix}临夏县人社局`);
  const hzUnit = await buildUnit(store, regions.hezheng, `${prefix}和政县人社局`);
  const prefectureUnit = await buildUnit(store, regions.linxia, `${prefix}临夏州就业专班`);
  const firmUnit = await buildUnit(store, regions.linxiaCounty, `${prefix}临夏县某某制造有限公司`);
  const otherFirmUnit = await buildUnit(store, regions.hezheng, `${prefix}和政县某某商贸有限公司`);
  const { clients } = await buildSignedInUsers<RunsWho>(store, app, prefix, {
    lxCaseworker: ['caseworker', lxUnit],
    hzCaseworker: ['caseworker', hzUnit],
    lxReviewer: ['reviewer', lxUnit],
    prefectureCoordinator: ['coordinator', prefectureUnit],
    hzCoordinator: ['coordinator', hzUnit],
    firm: ['enterprise', firmUnit],
    otherFirm: ['enterprise', otherFirmUnit],
  });
  const lx: TestClient = clients.lxCaseworker;
  const hz: TestClient = clients.hzCaseworker;
  // A small manufacturer: 50 employees and 10 million yuan revenue is 小型 by the 2011 standard.
  const firm = await ok(
    await lx.post('/api/registry/enterprises', { creditCode: creditCodeFor('622921', 7), name: '临夏县某某制造有限公司', kind: 'enterprise', industry: 'C13', regionCode: regions.linxiaCounty, establishedOn: '2015-01-01', employees: 50, revenueFen: 10_000_000_00, unitId: firmUnit }),
    'firm',
  );
  const otherFirm = await ok(
    await hz.post('/api/registry/enterprises', { creditCode: creditCodeFor('622925', 8), name: '和政县某某商贸有限公司', kind: 'enterprise', industry: 'F52', regionCode: regions.hezheng, employees: 5, revenueFen: 1_000_000_00, unitId: otherFirmUnit }),
    'other firm',
  );
  // 马一: registered poor, placed at the local firm by an organised transfer on 2020-01-15, still there.
  const poorLocal = await ok(await lx.post('/api/registry/persons', { residentId: residentIdFor('622921', '1990-05-17', 11), name: '马一' }), 'poorLocal');
  await ok(await lx.post(`/api/registry/persons/${poorLocal}/groups`, { group: 'registered_poor', startDate: '2019-01-01' }), 'group');
  await ok(await lx.post(`/api/registry/persons/${poorLocal}/employment`, { enterpriseId: firm, employerRegionCode: regions.linxiaCounty, startDate: '2020-01-15', organisedTransfer: true, transferAgency: '临夏县劳务公司' }), 'spell');
  // 马二: at risk of poverty, transferred out of the province on 2020-11-01 (two months by the year's end).
  const edgeMigrant = await ok(await lx.post('/api/registry/persons', { residentId: residentIdFor('622921', '1995-02-03', 21), name: '马二' }), 'edgeMigrant');
  await ok(await lx.post(`/api/registry/persons/${edgeMigrant}/groups`, { group: 'edge_poverty', startDate: '2019-06-01' }), 'group');
  await ok(await lx.post(`/api/registry/persons/${edgeMigrant}/employment`, { employerName: '文山某某电子厂', employerRegionCode: '532601', startDate: '2020-11-01', organisedTransfer: true }), 'spell');
  // 马三 (和政县): no group, no work.
  const idle = await ok(await hz.post('/api/registry/persons', { residentId: residentIdFor('622925', '1988-08-08', 31), name: '马三' }), 'idle');
  return { clients, ids: { firm, otherFirm, poorLocal, edgeMigrant, idle } };
}
