import { describe, expect, it } from 'vitest';
import { reportSignals, type ReportFact } from './signals.ts';

const periods = [
  { period: '2020-06', due: '2020-07-05' },
  { period: '2020-07', due: '2020-08-05' },
];
const june = { zh: '临夏县人民政府2020年6月', en: '2020-06 临夏县人民政府' };
const units = [
  { unitId: 'county', name: '临夏县人民政府' },
  { unitId: 'bureau', name: '州人社局' },
];

function report(unitId: string, period: string, submitted: string | null, progressStatus = 'on_track', status = 'submitted'): ReportFact {
  return { unitId, period, status, progressStatus, firstSubmittedAt: submitted ? new Date(submitted) : null };
}

describe('reportSignals', () => {
  it('says nothing before the first due date has passed', () => {
    expect(reportSignals(periods, units, [], '2020-07-05')).toEqual([]);
  });

  it('names each unit whose report is missing the day after the due date', () => {
    const reports = [report('bureau', '2020-06', '2020-07-04T03:00:00Z')];
    expect(reportSignals(periods, units, reports, '2020-07-06')).toEqual([{ kind: 'missing', label: june }]);
  });

  it('counts a report submitted after the day asked about as missing on that day', () => {
    const reports = [report('county', '2020-06', '2020-07-08T03:00:00Z'), report('bureau', '2020-06', '2020-07-01T03:00:00Z')];
    expect(reportSignals(periods, units, reports, '2020-07-06').map((signal) => signal.kind)).toEqual(['missing']);
    expect(reportSignals(periods, units, reports, '2020-07-09')).toEqual([{ kind: 'late', label: june }]);
  });

  it('judges lateness on the Beijing date of the first submission', () => {
    const onTime = [report('county', '2020-06', '2020-07-05T15:30:00Z'), report('bureau', '2020-06', '2020-07-05T01:00:00Z')];
    const late = [report('county', '2020-06', '2020-07-05T16:30:00Z'), report('bureau', '2020-06', '2020-07-05T01:00:00Z')];
    expect(reportSignals(periods, units, onTime, '2020-07-10')).toEqual([]);
    expect(reportSignals(periods, units, late, '2020-07-10').map((signal) => signal.kind)).toEqual(['late']);
  });

  it('looks only at the latest period past due', () => {
    const reports = [report('county', '2020-07', '2020-08-01T00:00:00Z'), report('bureau', '2020-07', '2020-08-01T00:00:00Z')];
    expect(reportSignals(periods, units, reports, '2020-08-06')).toEqual([]);
  });

  it('flags a unit whose latest submitted report says delayed, but not a draft', () => {
    const reports = [
      report('county', '2020-06', '2020-07-01T00:00:00Z', 'delayed'),
      report('bureau', '2020-06', '2020-07-01T00:00:00Z'),
      report('bureau', '2020-07', null, 'delayed', 'draft'),
    ];
    expect(reportSignals(periods, units, reports, '2020-07-10')).toEqual([{ kind: 'delayed', label: june }]);
    const recovered = [...reports, report('county', '2020-07', '2020-07-20T00:00:00Z', 'on_track')];
    expect(reportSignals(periods, units, recovered, '2020-07-21')).toEqual([]);
  });

  it('names the unit and the period as each language writes it', () => {
    const halves = [{ period: '2020H1', due: '2020-07-10' }];
    expect(reportSignals(halves, units.slice(0, 1), [], '2020-07-11')).toEqual([{ kind: 'missing', label: { zh: '临夏县人民政府2020年上半年', en: '2020H1 临夏县人民政府' } }]);
  });

  it('gives a task without responsible units no signals', () => {
    expect(reportSignals(periods, [], [], '2020-12-31')).toEqual([]);
  });
});
