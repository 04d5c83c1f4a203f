/**
 * Reading the responsibility notes (责任分工) that government documents attach to tasks, from a table cell or
 * from the end of a task's text: `（责任单位：A、B、C）`, `(牵头单位:A;责任单位:B、C)`, `牵头部门:A、B,责任单位:C`,
 * `(A、B负责)`, `（A牵头，B、C配合）`, with notes such as `备注：列第一责任单位的为牵头单位，下同。` Collectives
 * (各县(市), 各镇街人民政府〔办事处〕, 各州、市人民政府) are recognised; `有关…`/`相关…` names are kept as named units.
 * Pure: no I/O. Traditional text is read as Simplified, and every string returned is Simplified.
 */
import { bilingual } from '../../kernel/errors.ts';
import { toSimplified } from './simplified.ts';

/** How a plan designates the lead unit of a task (the plan pack's `leadRule`). */
export type LeadRule = 'first-listed' | 'named' | 'none';

/** What reading a note may be told. */
export interface ResponsibilityOptions {
  /** The plan's rule. Unset: a lead is taken only where the note names one or states the first-listed rule. */
  leadRule?: LeadRule | undefined;
}

/** A task's responsibility note, read. */
export interface Responsibility {
  /** The lead unit as written; null when the note (or the plan's rule) designates none. */
  lead: string | null;
  /** Every unit named, leads first, then the rest in document order; collectives included. */
  units: string[];
  /** The names in `units` that stand for every government one level down (各县(市) …). */
  collectives: string[];
  /** The note as it stands in the text, brackets included; empty when there is none. */
  notation: string;
  /** The task's text without the note. */
  remainder: string;
  /** `first-listed` when the note states that the first listed unit leads (列第一责任单位的为牵头单位). */
  leadRuleHint: 'first-listed' | null;
  /** Remarks inside the note that are not unit names (备注…, 以下各项…不再逐条列出). */
  notes: string[];
  /** Units a remark makes responsible for every later task too (以下各项工作任务均需各县市负责实施). */
  carriedForward: string[];
  /** Why part of the note could not be read (bilingual messages); empty when all is well. */
  problems: string[];
}

const openers = '(（〔[［【';
const closers = ')）〕]］】';
const nameSeparators = '、，,；;及';
const levelCharacters = '省州市县区乡镇街';
const labelPattern = /(牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|协办单位|协同单位|参与单位|责任主体)\s*[:：]\s*/g;
const roleSuffix = /(牵头负责|牵头|配合|参与|协助|协同|(?:按照?职责(?:分工)?|分别|共同|具体)?负责(?:组织)?(?:落实|实施)?)$/;
const noteStart = /^(以下|以上|下同|不再|均需|均由|其中|备注|注[:：]|此项|该项)/;
const carryForward = /以下.*?(?:均需|均由|都需|均要|均请)(.+?)(?:牵头)?负责/;
const leadRuleHint = /(?:列|排)(?:在|名)?(?:第一|首)(?:位|个)?的?(?:责任|牵头)?(?:单位|部门)?(?:的|者)?(?:为|是)牵头(?:单位|部门)/;
const collectivePattern = new RegExp(
  `^各(?:街道|[${levelCharacters}、，,()（）〔〕\\[\\]])+?(?:人民政府|政府|党委和政府|党委、政府)?(?:[(（〔\\[]办事处[)）〕\\]])?$`,
);
/** The longest text still taken for a unit's name. */
const longestName = 40;

/** True for a collective of governments one level down: 各县(市), 各镇街人民政府〔办事处〕, 各州、市人民政府. */
export function isCollectiveName(name: string): boolean {
  const levels = name.replace(/人民政府|政府|党委|办事处/g, '');
  return collectivePattern.test(name) && [...levels].some((char) => levelCharacters.includes(char));
}

/** `first-listed` when the text states that the first listed unit leads (列第一位者为牵头单位); null otherwise. */
export function detectLeadRuleHint(text: string): 'first-listed' | null {
  return leadRuleHint.test(toSimplified(text).replace(/\s+/g, '')) ? 'first-listed' : null;
}

interface Token {
  text: string;
  start: number;
}

/** Splits at separators outside brackets, keeping 各州、市人民政府 and the like whole. */
function splitTopLevel(text: string, separators: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] ?? '';
    if (openers.includes(char)) depth += 1;
    else if (closers.includes(char)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && separators.includes(char)) {
      const current = text.slice(start, index).trim();
      const next = text.slice(index + 1).trimStart()[0] ?? '';
      const sharedPrefix = /^各[省州市县区乡镇街]{1,3}$/.test(current) && levelCharacters.includes(next) && '、，,'.includes(char);
      if (sharedPrefix) continue;
      tokens.push({ text: text.slice(start, index), start });
      start = index + 1;
    }
  }
  tokens.push({ text: text.slice(start), start });
  return tokens.filter((token) => token.text.trim() !== '');
}

/** A unit name tidied: no stray spaces between Chinese characters, no leading 由/和, no trailing 等. */
function cleanName(raw: string): string {
  return raw
    .replace(/\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+/g, '')
    .trim()
    .replace(/^(?:具体)?(?:由|和|与|及)/, '')
    .replace(/[。.；;，,：:]+$/, '')
    .replace(/(.)等$/, '$1');
}

/** `州发展改革委等州直相关部门` names two: the unit, and the group it stands for. */
function splitEtCetera(name: string): string[] {
  const match = /^(.+)等((?:[省州市县区]直)?(?:有关|相关|其他)?(?:部门|单位|企业|机构|成员单位))$/.exec(name);
  return match ? [match[1] ?? '', match[2] ?? ''] : [name];
}

interface Group {
  role: 'lead' | 'units';
  names: string[];
}

interface Reading {
  groups: Group[];
  notes: string[];
  /** A label (责任单位：) or a role word (负责, 牵头) was found: the text is a responsibility note. */
  marked: boolean;
}

/** Names of one list, up to the first remark; remarks go to `notes`. */
function readNames(text: string, notes: string[]): string[] {
  const names: string[] = [];
  for (const token of splitTopLevel(text, nameSeparators)) {
    const name = cleanName(token.text);
    if (noteStart.test(name)) {
      notes.push(text.slice(token.start).trim());
      break;
    }
    if (name) names.push(...splitEtCetera(name));
  }
  return names;
}

/** Reads the inside of a note: labelled lists, or names followed by a role word (负责, 牵头, 配合). */
function readContent(content: string): Reading {
  const notes: string[] = [];
  const [main = '', ...afterStop] = splitTopLevel(content, '。').map((token) => token.text);
  notes.push(...afterStop.map((part) => part.trim()).filter(Boolean));
  const remark = /备注\s*[:：]/.exec(main);
  const body = remark ? main.slice(0, remark.index) : main;
  if (remark) notes.unshift(main.slice(remark.index).trim());
  const groups: Group[] = [];
  const labels = [...body.matchAll(labelPattern)];
  const unlabelled = labels.length > 0 ? body.slice(0, labels[0]?.index) : body;
  let marked = labels.length > 0;
  let pending: string[] = [];
  for (const token of splitTopLevel(unlabelled, nameSeparators)) {
    const name = cleanName(token.text);
    if (noteStart.test(name)) {
      notes.push(unlabelled.slice(token.start).trim());
      break;
    }
    const suffix = roleSuffix.exec(name);
    const bare = suffix ? cleanName(name.slice(0, suffix.index)) : name;
    if (bare) pending.push(...splitEtCetera(bare));
    if (suffix) {
      marked = true;
      groups.push({ role: suffix[1]?.startsWith('牵头') ? 'lead' : 'units', names: pending });
      pending = [];
    }
  }
  if (pending.length > 0) groups.push({ role: 'units', names: pending });
  for (const [index, label] of labels.entries()) {
    const end = labels[index + 1]?.index ?? body.length;
    const segment = body.slice((label.index ?? 0) + label[0].length, end);
    const names = readNames(segment, notes).map((name) => {
      const suffix = roleSuffix.exec(name);
      return suffix && suffix.index > 0 ? name.slice(0, suffix.index) : name;
    });
    groups.push({ role: label[1]?.startsWith('牵头') ? 'lead' : 'units', names });
  }
  return { groups, notes, marked };
}

/** The index of the bracket that opens the group closing at `end`, or -1. */
function matchingOpener(text: string, end: number): number {
  let depth = 0;
  for (let index = end; index >= 0; index -= 1) {
    const char = text[index] ?? '';
    if (closers.includes(char)) depth += 1;
    else if (openers.includes(char)) {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
}

function assemble(reading: Reading, options: ResponsibilityOptions, notation: string, remainder: string): Responsibility {
  const problems: string[] = [];
  const leads = reading.groups.filter((group) => group.role === 'lead').flatMap((group) => group.names);
  const others = reading.groups.filter((group) => group.role === 'units').flatMap((group) => group.names);
  const units = [...new Set([...leads, ...others])];
  for (const name of units) {
    if (name.length > longestName) {
      problems.push(bilingual(`“${name.slice(0, 20)}…”过长，不像单位名称`, `"${name.slice(0, 20)}…" is too long for a unit's name`));
    }
  }
  const hint = detectLeadRuleHint(notation);
  const rule = options.leadRule ?? (hint ? 'first-listed' : undefined);
  const lead = rule === 'none' ? null : (leads[0] ?? (rule === 'first-listed' ? (units[0] ?? null) : null));
  const carriedForward = reading.notes.flatMap((note) => {
    const match = carryForward.exec(note);
    return match ? readNames(match[1] ?? '', []) : [];
  });
  return {
    lead,
    units,
    collectives: units.filter(isCollectiveName),
    notation,
    remainder,
    leadRuleHint: hint,
    notes: reading.notes,
    carriedForward: [...new Set(carriedForward)],
    problems,
  };
}

const nothing = (text: string, notation = ''): Responsibility => ({
  lead: null,
  units: [],
  collectives: [],
  notation,
  remainder: text,
  leadRuleHint: null,
  notes: [],
  carriedForward: [],
  problems: [],
});

/**
 * Reads the responsibility note at the end of a task's text — a bracketed note, or a labelled one
 * (`…。牵头部门:A、B,责任单位:C`). A text without a note gives no units and itself as the remainder.
 */
export function parseResponsibility(text: string, options: ResponsibilityOptions = {}): Responsibility {
  const simplified = toSimplified(text).trim();
  const trimmed = simplified.replace(/[\s。；;，,.]+$/, '');
  const last = trimmed.length - 1;
  if (closers.includes(trimmed[last] ?? '')) {
    const open = matchingOpener(trimmed, last);
    if (open >= 0) {
      const reading = readContent(trimmed.slice(open + 1, last));
      if (reading.marked) return assemble(reading, options, simplified.slice(open).trim(), simplified.slice(0, open).trim());
    }
  }
  for (const label of simplified.matchAll(labelPattern)) {
    const index = label.index ?? 0;
    if (index > 0 && !/[\s。；;，,.]/.test(simplified[index - 1] ?? '')) continue;
    const notation = simplified.slice(index).trim();
    return assemble(readContent(notation), options, notation, simplified.slice(0, index).trim());
  }
  return nothing(simplified);
}

/**
 * Reads a table cell that holds only units (`区人力社保局、区财政局`) or a whole note (`牵头单位：A；责任单位：B`),
 * with or without brackets around it.
 */
export function parseResponsibilityCell(cell: string, options: ResponsibilityOptions = {}): Responsibility {
  const simplified = toSimplified(cell).trim();
  if (simplified === '') return nothing('');
  const trimmed = simplified.replace(/[\s。；;，,.]+$/, '');
  const last = trimmed.length - 1;
  const wrapped = closers.includes(trimmed[last] ?? '') && matchingOpener(trimmed, last) === 0;
  const reading = readContent(wrapped ? trimmed.slice(1, last) : trimmed);
  return assemble(reading, options, simplified, '');
}
