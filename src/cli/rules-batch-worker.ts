/**
 * A worker thread of `rules run` (started through bin/rules-worker.mjs): it receives one part of the CSV
 * (rules-batch.ts), runs it through the plan's row function and posts back its totals, its first once-per
 * grants and its output, which the main thread merges in file order.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { AppError } from '../kernel/errors.ts';
import { partState, rowsRunner, runPart } from '../rules/batch-part.ts';
import { partControl, slot, type PartRequest, type PartResult } from './rules-batch.ts';

/** The line number of the row starting at `offset`: one more than the line feeds before it. */
function lineAt(fd: number, offset: number): number {
  const buffer = new Uint8Array(1 << 20);
  let line = 1;
  for (let position = 0; position < offset; position += buffer.length) {
    const count = readSync(fd, buffer, 0, Math.min(buffer.length, offset - position), position);
    if (count === 0) break;
    for (let index = buffer.indexOf(0x0a); index >= 0 && index < count; index = buffer.indexOf(0x0a, index + 1)) line++;
  }
  return line;
}

function runRequest(request: PartRequest, start: number, end: number, fd: number, line: number): { result: PartResult; transfer: ArrayBuffer[] } {
  const runner = rowsRunner(request.plan);
  const outputs: Uint8Array[] = [];
  // Output is kept, in buffers handed over to the main thread at the end, not copied.
  const state = partState(request.plan.policyIds.length, true, line, (bytes) => {
    outputs.push(bytes);
    return new Uint8Array(request.blockBytes);
  }, request.blockBytes);
  runPart(runner, (buffer, offset, length, position) => readSync(fd, buffer, offset, length, position), start, { end }, state, request.blockBytes);
  outputs.push(state.out.subarray(0, state.o));
  const shared = request.plan.dictionary.length;
  const needsTexts = state.firstGrants.some((grants) => grants.keys.subarray(0, grants.size).some((key) => key < -shared));
  const texts = needsTexts ? runner.dictionary.entries().slice(shared) : [];
  const grants = state.firstGrants.flatMap((first) => [first.keys, first.periods, first.offsets, first.lengths, first.fen]);
  const transfer = [...new Set([...outputs, ...grants].map((array) => array.buffer as ArrayBuffer))];
  return { result: { start, counts: state.counts, sums: state.sums, firstGrants: state.firstGrants, outputs, texts }, transfer };
}

/** Says the worker is ready and waits for the main thread to give it a part, or none. */
function awaitPart(request: PartRequest): [number, number] | undefined {
  const { states, ranges } = partControl(request.control, request.workers);
  const index = request.index;
  if (Atomics.compareExchange(states, index, slot.loading, slot.ready) === slot.loading) {
    Atomics.notify(states, index);
    while (Atomics.load(states, index) === slot.ready) Atomics.wait(states, index, slot.ready);
  }
  return Atomics.load(states, index) === slot.given ? [ranges[index * 2] as number, ranges[index * 2 + 1] as number] : undefined;
}

function handle(request: PartRequest): void {
  const part = awaitPart(request);
  if (!part) {
    parentPort?.postMessage({ start: Number.POSITIVE_INFINITY, counts: new Float64Array(0), sums: new Float64Array(0), firstGrants: [], outputs: [], texts: [] } satisfies PartResult);
    return;
  }
  const [start, end] = part;
  const fd = openSync(request.input, 'r');
  try {
    let answer;
    try {
      // Rows are numbered from the part's start until something is refused; only then are the lines before it counted.
      answer = runRequest(request, start, end, fd, 2);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      answer = runRequest(request, start, end, fd, lineAt(fd, start));
    }
    parentPort?.postMessage(answer.result, answer.transfer);
  } catch (error) {
    const failure: PartResult['error'] = error instanceof AppError ? { code: error.code, text: error.text, ...(error.field === undefined ? {} : { field: error.field }) } : { message: error instanceof Error ? error.message : String(error) };
    parentPort?.postMessage({ start, counts: new Float64Array(0), sums: new Float64Array(0), firstGrants: [], outputs: [], texts: [], error: failure } satisfies PartResult);
  } finally {
    closeSync(fd);
  }
}

/** Serves the one part the main thread sends. */
export function servePart(): void {
  parentPort?.once('message', handle);
}
