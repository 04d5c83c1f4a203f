/** `wenbao serve`: prepare the database, start the HTTP server, and say where it is and how to sign in. */
import { buildApp } from '../server/app.ts';
import { startBackgroundJobs } from '../server/background.ts';
import { prepareDatabase } from '../server/first-start.ts';
import { openStore } from '../store/database.ts';

/** Starts the platform and keeps it running until SIGINT or SIGTERM. */
export async function serve(options: { port: number; host: string }): Promise<void> {
  const started = Date.now();
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.WENBAO_DATA_DIR });
  console.log(`database: ${store.engine} (${store.location})`);
  const report = await prepareDatabase(store, { adminPassword: process.env.WENBAO_ADMIN_PASSWORD, onProgress: console.log });
  const app = await buildApp({ store });
  await app.listen({ port: options.port, host: options.host });
  const stopJobs = process.env.WENBAO_BACKGROUND_JOBS === 'false' ? async () => {} : startBackgroundJobs(store.db);
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${options.port}/`;
  console.log(`\nWenbao is serving at ${url} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (report.generatedPassword) {
    console.log(`Sign in as admin with password ${report.generatedPassword}`);
    console.log('This password is shown only once; change it after signing in (or run: wenbao user reset-password admin).');
  } else if (report.administratorCreated) {
    console.log('Sign in as admin with the password from WENBAO_ADMIN_PASSWORD.');
  } else {
    console.log('Sign in with your account (lost the admin password? run: npm run wenbao -- user reset-password admin).');
  }
  console.log(`API documentation: ${url}api/docs`);
  const stop = async () => {
    await stopJobs();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
