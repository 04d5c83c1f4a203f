#!/usr/bin/env node
// Entry point for the `wenbao` command: runs the TypeScript CLI through tsx's loader,
// so the sources are the program and there is no build step to forget.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
