/**
 * Browser-test harness: starts the real Wenbao server on a free port with a fresh data directory and a known
 * admin password, waits until it is ready, and launches Debian's Chromium through playwright-core; `useStage`
 * does both for a test file and opens signed-in pages on them.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { signIn } from './helpers.ts';

/** The repository root, where `bin/wenbao.mjs` and `web/dist` live. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The admin password the server is started with. */
export const adminPassword = 'Wenbao-e2e-2020';

/** A running server; `stop` kills it and removes its data. */
export interface ServerHandle {
  baseUrl: string;
  /** The server's recent output, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Asks the OS for a port nobody is listening on. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Polls `GET /readyz` until it answers 200; the first start imports every region, so it may take a while. */
async function waitUntilReady(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server was not ready within ${timeoutMs / 1000} s:\n${output()}`);
}

/** Starts `wenbao serve` with a fresh data directory and waits for it. */
export async function startServer(timeoutMs = 120_000): Promise<ServerHandle> {
  if (!existsSync(join(repoRoot, 'web/dist/index.html'))) {
    throw new Error('web/dist is missing: run `npm run build:web` before the browser tests');
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'wenbao-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['bin/wenbao.mjs', 'serve', '--port', String(port)], {
    cwd: repoRoot,
    env: { ...process.env, WENBAO_DATA_DIR: dataDir, WENBAO_ADMIN_PASSWORD: adminPassword, WENBAO_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n'));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => lines.join('\n');

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  }

  try {
    await waitUntilReady(baseUrl, child, output, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output, stop };
}

/** Launches the system Chromium headless. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The server and browser a test file shares; read them inside hooks and tests, once `beforeAll` has run. */
export interface Stage {
  /** The running server's address. */
  readonly baseUrl: string;
  /** A new browser context, in Chinese at desktop size unless `options` say otherwise. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A new desktop context with one page, signed in as `username`. */
  signedIn(username: string, password: string): Promise<{ context: BrowserContext; page: Page }>;
}

/** Starts a server and a browser before the calling file's tests and stops them after. */
export function useStage(): Stage {
  let server: ServerHandle | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  function started(): { server: ServerHandle; browser: Browser } {
    if (!server || !browser) throw new Error('the stage is used before its beforeAll has run');
    return { server, browser };
  }

  function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    return started().browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, ...options });
  }

  async function signedIn(username: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, started().server.baseUrl, username, password);
    return { context, page };
  }

  return {
    get baseUrl() {
      return started().server.baseUrl;
    },
    newContext,
    signedIn,
  };
}
