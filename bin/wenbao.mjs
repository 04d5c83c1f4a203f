#!/usr/bin/env node
// Entry point for the `wenbao` command: runs the TypeScript CLI through tsx's loader,
// so the sources are the program and there is no build step to forget.
// `wenbao rules …` takes a light path instead: it needs no database, server or tsx, and its start-up
// time counts in every batch run, so it imports only the rules engine, through a cache of stripped files.
if (process.argv[2] === 'rules') {
  const { importTypeScript } = await import('./light-import.mjs');
  const { runRulesCommand } = await importTypeScript('src/cli/rules.ts');
  process.exitCode = await runRulesCommand(process.argv.slice(3));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
