import { it } from 'vitest';
import { preparedStore, buildTestApp } from '/work/main/test/support/fixtures.ts';
it('dump', async () => {
  const store = await preparedStore('pglite');
  const app = await buildTestApp(store);
  const doc = (await app.inject({ url: '/api/openapi.json' })).json();
  console.log(doc.openapi, JSON.stringify(Object.fromEntries(Object.entries(doc.paths).map(([p, v]) => [p, Object.keys(v as object)]))));
  const docs = await app.inject({ url: '/api/docs' });
  console.log(docs.statusCode, docs.headers);
  console.log(app.printRoutes({ commonPrefix: false }));
  await app.close(); await store.close();
});
