import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorStatus } from '../kernel/errors.ts';
import * as constants from './monitor-constants.ts';
import * as importConstants from './monitor-import-constants.ts';
import * as importContract from './monitor-import.contract.ts';
import * as contract from './monitor.contract.ts';
import * as warningConstants from './monitor-warnings-constants.ts';

const webFolder = new URL('../../web/src/pages/monitor/', import.meta.url);
const webSources = readdirSync(webFolder)
  .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.test.ts'))
  .map((file) => ({ file, text: readFileSync(new URL(file, webFolder), 'utf8') }));

describe('monitor constants', () => {
  it('are the lists the contracts use, re-exported from one place', () => {
    expect(contract.frequencies).toBe(constants.frequencies);
    expect(contract.submissionStatuses).toBe(constants.submissionStatuses);
    expect(importContract.monitorImportStatuses).toBe(importConstants.monitorImportStatuses);
    expect(importContract.monitorImportErrorCodes).toBe(importConstants.monitorImportErrorCodes);
    expect(importContract.monitorImportView.shape.status.options).toEqual([...importConstants.monitorImportStatuses]);
  });

  it('keep one period schema: the import contract takes the monitor contract’s', () => {
    expect('monitorPeriod' in importContract).toBe(false);
    expect(importContract.monitorImportPeriodQuery.shape.period).toBe(contract.monitorPeriod);
    expect(importContract.monitorImportPeriodQuery.safeParse({ period: '2020-6' }).success).toBe(false);
    expect(importContract.monitorImportPeriodQuery.safeParse({ period: '2020Q2' }).success).toBe(true);
  });

  it('name an error code the server knows', () => {
    expect(errorStatus[constants.outliersUnconfirmedCode]).toBe(422);
  });

  it('are not copied into the monitor screens', () => {
    const lists = [
      constants.frequencies,
      constants.dashboardFrequencies,
      constants.submissionStatuses,
      constants.targetStandings,
      importConstants.monitorImportStatuses,
      importConstants.busyImportStatuses,
      importConstants.monitorImportErrorCodes,
      warningConstants.warningDirections,
      warningConstants.alertStatuses,
      warningConstants.ruleSourceKinds,
    ];
    for (const list of lists) {
      // two of a list's values side by side in an array literal is a hard-coded copy
      for (let index = 0; index + 1 < list.length; index += 1) {
        const pair = new RegExp(`['"]${list[index]}['"]\\s*,\\s*['"]${list[index + 1]}['"]`);
        for (const { file, text } of webSources) expect(pair.test(text), `${file} copies ${list[index]}, ${list[index + 1]}`).toBe(false);
      }
    }
  });
});
