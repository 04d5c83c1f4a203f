/** Reading a pack from YAML text (kept apart so that callers holding a parsed document never load the YAML reader). */
import { parse as parseYaml } from 'yaml';
import { unprocessable } from '../kernel/errors.ts';
import { readPackDocument, type Pack } from './pack.ts';

/** Parses YAML (or JSON) text, refusing text that is not YAML with the reader's message. */
export function parseYamlText(source: string, name: string): unknown {
  try {
    return parseYaml(source);
  } catch (error) {
    throw unprocessable(name, { zh: `${name} 不是有效的 YAML：${(error as Error).message}`, en: `${name} is not valid YAML: ${(error as Error).message}` });
  }
}

/** Reads and type-checks a pack from YAML (or JSON) text; throws an AppError naming the place of the first problem. */
export function readPack(source: string, name = 'pack'): Pack {
  return readPackDocument(parseYamlText(source, name), name);
}
