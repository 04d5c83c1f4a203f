/**
 * `rules run` over files, on every core: worker threads (rules-batch-worker.ts) share the rows of the CSV with
 * the main thread, each running the same generated functions (src/rules/batch-part.ts). The main thread reads
 * from the first row; a worker, once ready, takes an equal share of the end of what the main thread has not
 * read yet, cut at a line start. Rows are independent except for once-per limits, where the first grant in file order
 * wins: each later part records the grants it made first within itself, and they are replayed here, in file
 * order, against the grants of the parts before it; a grant found there becomes suppressed (its amount is cut
 * from the output and moved in the totals). Output is written in input order: the first part's as it is made,
 * the others' after it. The result is the single-thread path's (`runBatch`), byte for byte.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode, type LocalizedText } from '../kernel/errors.ts';
import type { PolicyTotals } from '../rules/batch.ts';
import { status } from '../rules/compile.ts';
import { partState, planRows, rowsRunner, runPart, type FirstGrants, type RowsPlan } from '../rules/batch-part.ts';
import type { Pack } from '../rules/pack.ts';

/** Options of a batch run over files. */
export interface FileBatchOptions {
  asOfDay: number;
  /** how many parts (threads) at most; default: the cores available */
  parts?: number;
  /** the least bytes of rows worth a thread of their own (a worker costs a few tens of milliseconds to start) */
  minPartBytes?: number;
  blockBytes?: number;
  /** wait until every worker is ready before reading, so that each takes a share (for tests: workers that start late may get none) */
  awaitWorkers?: boolean;
}

/** What a worker sends back for its part (`start` is Infinity when it was given none). */
export interface PartResult {
  start: number;
  counts: Float64Array;
  sums: Float64Array;
  firstGrants: FirstGrants[];
  /** the part's output, in order */
  outputs: Uint8Array[];
  /** the texts the worker's dictionary coded beyond the plan's, for once-per keys that are text */
  texts: string[];
  error?: { code: ErrorCode; text: LocalizedText; field?: string } | { message: string };
}

/** What a worker is asked to do: read the part the main thread gives it through `control` (see `PartControl`). */
export interface PartRequest {
  plan: RowsPlan;
  input: string;
  blockBytes: number;
  control: SharedArrayBuffer;
  /** the worker's slot in `control` */
  index: number;
  workers: number;
}

/** The states of a worker's slot: loaded, ready for a part, given one, or given none. */
export const slot = { loading: 0, ready: 1, given: 2, none: 3 } as const;

/** Views of the shared control block: one state per worker, and the part `[start, end)` each was given. */
export function partControl(control: SharedArrayBuffer, workers: number): { states: Int32Array; ranges: Float64Array } {
  const statesBytes = Math.ceil((workers * 4) / 8) * 8;
  return { states: new Int32Array(control, 0, workers), ranges: new Float64Array(control, statesBytes, workers * 2) };
}

function workerScript(): string {
  // This module runs from src/cli or from the cache of stripped files under node_modules: look upward.
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'bin', 'rules-worker.mjs');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) throw new Error('bin/rules-worker.mjs not found');
    directory = parent;
  }
}

/** A worker thread waiting for its part. */
export interface PartWorker {
  send(request: PartRequest): Promise<PartResult>;
  stop(): Promise<number>;
}

/** A worker started now, to be given its part when the plan is ready: its start-up overlaps the planning. */
function startWorker(): PartWorker {
  const worker = new Worker(workerScript());
  const result = new Promise<PartResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a rules worker stopped (exit code ${code})`)));
  });
  // Until it is asked, an idle worker must not keep a failed run alive.
  result.catch(() => undefined);
  return {
    send(request) {
      worker.postMessage(request);
      return result;
    },
    stop: () => worker.terminate(),
  };
}

function readHeader(fd: number): { header: string; dataStart: number } {
  let buffer = new Uint8Array(1 << 16);
  let filled = 0;
  for (;;) {
    const count = readSync(fd, buffer, filled, buffer.length - filled, filled);
    filled += count;
    const end = buffer.subarray(0, filled).indexOf(0x0a);
    if (end >= 0 || count === 0) {
      const stop = end >= 0 ? end : filled;
      return { header: new TextDecoder().decode(buffer.subarray(0, stop)).replace(/\r$/, ''), dataStart: end >= 0 ? end + 1 : filled };
    }
    if (filled === buffer.length) {
      const larger = new Uint8Array(buffer.length * 2);
      larger.set(buffer);
      buffer = larger;
    }
  }
}

/** The offset after the first line feed at or after `from`, or `size`. */
function nextLineStart(fd: number, from: number, size: number): number {
  const buffer = new Uint8Array(1 << 16);
  for (let position = from; position < size; position += buffer.length) {
    const count = readSync(fd, buffer, 0, buffer.length, position);
    if (count === 0) break;
    const found = buffer.subarray(0, count).indexOf(0x0a);
    if (found >= 0) return position + found + 1;
  }
  return size;
}

function appError(error: NonNullable<PartResult['error']>): Error {
  return 'code' in error ? new AppError(error.code, error.text, error.field) : new Error(error.message);
}

/**
 * Starts the worker threads a run over `input` will use (none for a small file), so that they load while the
 * caller reads its pack; give them to `runBatchFile`, which stops them.
 */
export function startPartWorkers(input: string, options: Pick<FileBatchOptions, 'parts' | 'minPartBytes'> = {}): PartWorker[] {
  let size = 0;
  try {
    const fd = openSync(input, 'r');
    size = fstatSync(fd).size;
    closeSync(fd);
  } catch {
    // The run itself reports a file it cannot read.
  }
  const parts = Math.max(1, Math.min(options.parts ?? availableParallelism(), Math.floor(size / (options.minPartBytes ?? 16 << 20)) || 1));
  return Array.from({ length: parts - 1 }, startWorker);
}

/** Runs the pack over the CSV file `input`, writing `output`; returns the totals per policy. */
export async function runBatchFile(pack: Pack, input: string, output: string, options: FileBatchOptions & { workers?: PartWorker[] }): Promise<PolicyTotals[]> {
  const workers = options.workers ?? startPartWorkers(input, options);
  let inputFd: number | undefined;
  let outputFd: number | undefined;
  let release = (): void => undefined;
  try {
    inputFd = openSync(input, 'r');
    const fd = inputFd;
    const size = fstatSync(fd).size;
    const { header, dataStart } = readHeader(fd);
    const plan = planRows(pack, options.asOfDay, header);
    const blockBytes = options.blockBytes ?? 4 << 20;
    // Work is shared as the workers become ready: each takes the end of what the main thread has not read yet,
    // so a worker that starts late takes less, and one that is not ready before the end takes none.
    const control = new SharedArrayBuffer(Math.ceil((workers.length * 4) / 8) * 8 + workers.length * 16);
    const { states, ranges } = partControl(control, workers.length);
    // However the run ends, no worker is left waiting for a part.
    release = () => {
      for (let index = 0; index < workers.length; index++) {
        if (Atomics.compareExchange(states, index, slot.loading, slot.none) === slot.ready) Atomics.compareExchange(states, index, slot.ready, slot.none);
        Atomics.notify(states, index);
      }
    };
    const results = workers.map((worker, index) => worker.send({ plan, input, blockBytes, control, index, workers: workers.length }));
    const bounds = { end: size };
    const leastShare = Math.max(1, (options.minPartBytes ?? 16 << 20) / 4);
    const share = (position: number): void => {
      // A ready worker takes an equal share with the main thread and the workers still to come: half, on two cores.
      let waiting = 0;
      for (let index = 0; index < workers.length; index++) if (Atomics.load(states, index) <= slot.ready) waiting++;
      for (let index = 0; index < workers.length; index++) {
        if (Atomics.load(states, index) !== slot.ready) continue;
        const part = Math.floor((bounds.end - position) / (waiting-- + 1));
        const cut = part >= leastShare ? nextLineStart(fd, bounds.end - part, bounds.end) : bounds.end;
        if (cut < bounds.end) {
          ranges[index * 2] = cut;
          ranges[index * 2 + 1] = bounds.end;
          bounds.end = cut;
          Atomics.store(states, index, slot.given);
        } else {
          Atomics.store(states, index, slot.none);
        }
        Atomics.notify(states, index);
      }
    };
    if (options.awaitWorkers) {
      for (let index = 0; index < workers.length; index++) while (Atomics.load(states, index) === slot.loading) Atomics.wait(states, index, slot.loading, 50);
    }
    outputFd = openSync(output, 'w');
    const out = outputFd;
    const write = (bytes: Uint8Array): void => {
      let written = 0;
      while (written < bytes.length) written += writeSync(out, bytes, written, bytes.length - written);
    };
    const runner = rowsRunner(plan);
    const policies = plan.policyIds.length;
    const state = partState(policies, false, 2, write, blockBytes);
    const firstName = header.replace(/^\uFEFF/, '').split(',')[0]?.trim() || 'row';
    write(new TextEncoder().encode(`${firstName},${plan.policyIds.join(',')}\n`));
    runPart(runner, (buffer, offset, length, position) => readSync(fd, buffer, offset, length, position), dataStart, bounds, state, blockBytes, share);
    write(state.out.subarray(0, state.o));
    // Workers not given a part by now get none.
    release();

    const counts = state.counts;
    const sums = state.sums;
    const parts = (await Promise.all(results)).filter((part) => part.error || part.start !== Number.POSITIVE_INFINITY).sort((a, b) => a.start - b.start);
    for (const [number, part] of parts.entries()) {
      if (part.error) throw appError(part.error);
      // The last part's grants need only be looked up: no part after it will look for them.
      const last = number === parts.length - 1;
      for (let index = 0; index < counts.length; index++) counts[index] = (counts[index] as number) + (part.counts[index] as number);
      for (let index = 0; index < policies; index++) sums[index] = (sums[index] as number) + (part.sums[index] as number);
      // Replay the part's first grants against the earlier parts' grants, in file order.
      const cutsOut: Array<[number, number]> = [];
      part.firstGrants.forEach((grants, policy) => {
        const set = runner.grants[policy];
        if (!set) return;
        for (let index = 0; index < grants.size; index++) {
          let key = grants.keys[index] as number;
          if (key < -plan.dictionary.length) key = runner.dictionary.encode(part.texts[-key - 1 - plan.dictionary.length] as string);
          const period = grants.periods[index] as number;
          if (last ? !set.has(key, period) : set.add(key, period)) continue;
          cutsOut.push([grants.offsets[index] as number, grants.lengths[index] as number]);
          counts[policy * 4 + status.eligible] = (counts[policy * 4 + status.eligible] as number) - 1;
          counts[policy * 4 + status.suppressed] = (counts[policy * 4 + status.suppressed] as number) + 1;
          sums[policy] = (sums[policy] as number) - (grants.fen[index] as number);
        }
      });
      writeWithCuts(part.outputs, cutsOut, write);
    }
    return plan.policyIds.map((id, index) => {
      const policy = pack.policies[index] as Pack['policies'][number];
      return {
        policy: id,
        benefit: policy.benefit,
        granted: counts[index * 4 + status.eligible] as number,
        amount: sums[index] as number,
        notEligible: counts[index * 4 + status.notEligible] as number,
        undetermined: counts[index * 4 + status.undetermined] as number,
        suppressed: counts[index * 4 + status.suppressed] as number,
      };
    });
  } finally {
    release();
    if (inputFd !== undefined) closeSync(inputFd);
    if (outputFd !== undefined) closeSync(outputFd);
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

/** Writes the buffers in order, leaving out the byte ranges `[offset, offset + length)` (offsets over all of them, ascending once sorted). */
function writeWithCuts(outputs: Uint8Array[], cuts: Array<[number, number]>, write: (bytes: Uint8Array) => void): void {
  cuts.sort((a, b) => a[0] - b[0]);
  let base = 0;
  let next = 0;
  for (const bytes of outputs) {
    let from = 0;
    while (next < cuts.length && (cuts[next] as [number, number])[0] < base + bytes.length) {
      const [offset, length] = cuts[next] as [number, number];
      write(bytes.subarray(from, offset - base));
      from = offset - base + length;
      next++;
    }
    write(bytes.subarray(from));
    base += bytes.length;
  }
}
