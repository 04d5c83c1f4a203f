/**
 * The layering, checked on every test run (do not relax these rules):
 *   kernel (pure) ← store ← http (route kit) ← domains (org, access, audit, …) ← server ← cli
 * Domains talk to each other only through each other's index.ts. The web app never imports the server.
 */
const domains = '(org|access|audit|plans|monitor|benefits|registry|jobs|vouchers|market)';

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'kernel-is-pure',
      comment: 'kernel holds IO-free logic: no database, no HTTP, no domains',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { path: ['^src/(?!kernel/)', '^node_modules/(kysely|pg|@electric-sql|fastify|@fastify)'] },
    },
    {
      name: 'store-below-domains',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: ['^src/(http|server|cli)/', `^src/${domains}/`] },
    },
    {
      name: 'http-below-domains',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: ['^src/(server|cli)/', `^src/${domains}/`] },
    },
    {
      name: 'domains-never-import-server-or-cli',
      severity: 'error',
      from: { path: `^src/${domains}/` },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'domains-meet-through-index',
      comment: 'another domain is reached only through its index.ts',
      severity: 'error',
      from: { path: `^src/${domains}/` },
      to: { path: `^src/${domains}/(?!index\\.ts$)`, pathNot: '^src/$1/' },
    },
    {
      name: 'server-uses-domain-index',
      severity: 'error',
      from: { path: '^src/(server|cli)/' },
      to: { path: `^src/${domains}/(?!index\\.ts$)` },
    },
    {
      name: 'web-never-imports-server-code',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/(?!kernel/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
