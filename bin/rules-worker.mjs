// A worker thread of `wenbao rules run`: loads its module through the same cache of stripped files as the
// light path (bin/light-import.mjs), so it needs neither tsx nor module hooks, whatever started the run.
import { importTypeScript } from './light-import.mjs';

const { servePart } = await importTypeScript('src/cli/rules-batch-worker.ts');
servePart();
