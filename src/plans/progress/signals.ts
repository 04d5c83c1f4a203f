/**
 * What a task's reports say about its colour, as of a day: for the latest reporting period already past its
 * due date, each responsible unit's report is missing (not submitted by that day) or late (first submitted
 * after the due date); and a unit whose latest submitted report says `delayed` flags the task too. Older
 * periods do not keep a task coloured once the latest one is in order.
 */
import type { LocalizedText } from '../../kernel/errors.ts';
import { chinaDate, parsePeriod, periodLabel } from '../../kernel/periods.ts';
import type { ReportSignal } from './colour.ts';

/** A reporting period and its due date. */
export interface DuePeriod {
  period: string;
  due: string;
}

/** What the colour needs to know of one report. */
export interface ReportFact {
  unitId: string;
  period: string;
  status: string;
  progressStatus: string;
  /** The first submission: timeliness is judged on it, a report returned for changes was still on time. */
  firstSubmittedAt: Date | null;
}

/** What a signal concerns: 临夏县人民政府2020年6月 / 2020-06 临夏县人民政府. */
function signalLabel(period: string, unitName: string): LocalizedText {
  const parsed = parsePeriod(period);
  return { zh: `${unitName}${parsed ? periodLabel(parsed, 'zh') : period}`, en: `${period} ${unitName}` };
}

/** The report signals of one task as of `asOf`, from its units, its plan's periods and its reports. */
export function reportSignals(
  periods: readonly DuePeriod[],
  units: readonly { unitId: string; name: string }[],
  reports: readonly ReportFact[],
  asOf: string,
): ReportSignal[] {
  const order = new Map(periods.map((entry, index) => [entry.period, index]));
  const submittedBy = (report: ReportFact) => report.firstSubmittedAt !== null && chinaDate(report.firstSubmittedAt) <= asOf;
  const latestDue = [...periods].filter((entry) => entry.due < asOf).sort((a, b) => a.due.localeCompare(b.due)).at(-1);
  const signals: ReportSignal[] = [];
  for (const unit of units) {
    const own = reports.filter((report) => report.unitId === unit.unitId);
    if (latestDue) {
      const report = own.find((candidate) => candidate.period === latestDue.period);
      const label = signalLabel(latestDue.period, unit.name);
      if (!report || !submittedBy(report)) signals.push({ kind: 'missing', label });
      else if (report.firstSubmittedAt && chinaDate(report.firstSubmittedAt) > latestDue.due) signals.push({ kind: 'late', label });
    }
    const latestSubmitted = own
      .filter((report) => report.status !== 'draft' && submittedBy(report))
      .sort((a, b) => (order.get(a.period) ?? -1) - (order.get(b.period) ?? -1) || a.period.localeCompare(b.period))
      .at(-1);
    if (latestSubmitted?.progressStatus === 'delayed') signals.push({ kind: 'delayed', label: signalLabel(latestSubmitted.period, unit.name) });
  }
  return signals;
}
