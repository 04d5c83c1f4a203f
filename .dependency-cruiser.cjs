/**
 * The layering, checked on every test run (do not relax these rules):
 *   kernel, rules (pure) ← contracts (wire schemas) ← store, http (route kit) ← domains (org, access, audit, …) ← server ← cli
 * Domains talk to each other only through each other's index.ts. The web app never imports the server: it
 * shares only the contracts (the API's wire shapes, as types) and the kernel.
 */
const domains = '(org|access|audit|files|notify|plans|monitor|benefits|registry|jobs|vouchers|market)';

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
      name: 'contracts-are-pure',
      comment: 'contracts hold the wire shapes: Zod schemas over the kernel, nothing else',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { pathNot: ['^src/(kernel|contracts)/', '^node_modules/zod/'] },
    },
    {
      name: 'rules-are-pure',
      comment: 'rules holds the policy language, IO-free like the kernel: it imports the kernel, itself and the YAML reader; domains import it',
      severity: 'error',
      from: { path: '^src/rules/' },
      to: { pathNot: ['^src/(kernel|rules)/', '^node_modules/yaml/'] },
    },
    {
      name: 'rules-cli-stays-light',
      comment: 'the rules command runs on a light path (bin/light-import.mjs): no database, server, domains or Fastify; its worker threads too',
      severity: 'error',
      from: { path: '^src/cli/rules(-batch|-batch-worker)?\\.ts$' },
      to: { pathNot: ['^src/(kernel|rules)/', '^src/cli/rules-batch\\.ts$', '^node_modules/yaml/'], dependencyTypesNot: ['core'] },
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
      comment: 'the web app shares only the contracts and the kernel with the server',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/(?!kernel/|contracts/)' },
    },
    {
      name: 'web-takes-contract-schemas-as-types',
      comment: 'keeps Zod out of the bundle: schemas are imported with `import type`, constant lists from contracts/constants.ts',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/contracts/.*\\.contract\\.ts$', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
