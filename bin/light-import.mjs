// Imports a TypeScript module of the project without tsx and without module hooks (which run in a
// worker thread of their own): each file is stripped of its types by esbuild once, and kept, keyed by
// its source, in node_modules/.cache/wenbao-ts as plain .mjs files whose relative imports name each
// other. A warm start reads the sources, hashes them and imports the cached files directly.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside node_modules, so that the cached files resolve packages (yaml) as the sources do.
const cacheDirectory = join(root, 'node_modules', '.cache', 'wenbao-ts');
const specifierPattern = /(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.{1,2}\/[^"']+?\.ts)\2/g;
let esbuild;

async function transformed(path, source) {
  const key = createHash('sha1').update(path).update('\0').update(source).digest('hex');
  const manifest = join(cacheDirectory, `${key}.json`);
  if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8'));
  esbuild ??= await import('esbuild');
  const { code } = await esbuild.transform(source, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: path });
  const dependencies = [...code.matchAll(specifierPattern)].map((match) => match[3]);
  const entry = { code, dependencies };
  writeAtomically(manifest, JSON.stringify(entry));
  return entry;
}

function writeAtomically(file, text) {
  mkdirSync(cacheDirectory, { recursive: true });
  // A private name first, then a rename: a concurrent reader never sees half a file.
  writeFileSync(`${file}.${process.pid}`, text);
  renameSync(`${file}.${process.pid}`, file);
}

/** The cached .mjs file for a .ts file and everything it imports, made when missing. */
async function compiled(path, seen) {
  const known = seen.get(path);
  if (known) return known;
  const { code, dependencies } = await transformed(path, readFileSync(path, 'utf8'));
  const names = new Map();
  for (const specifier of dependencies) names.set(specifier, await compiled(resolve(dirname(path), specifier), seen));
  // The file's name covers its dependencies' names, so a changed dependency gives a new file here too.
  const name = `${createHash('sha1').update(code).update([...names.values()].join('\0')).digest('hex')}.mjs`;
  const target = join(cacheDirectory, name);
  if (!existsSync(target)) writeAtomically(target, code.replace(specifierPattern, (_, before, quote, specifier) => `${before}${quote}./${names.get(specifier)}${quote}`));
  seen.set(path, name);
  return name;
}

/** Imports the project's TypeScript module at `path` (relative to the project root). */
export async function importTypeScript(path) {
  const name = await compiled(resolve(root, path), new Map());
  return import(pathToFileURL(join(cacheDirectory, name)).href);
}
