/**
 * One shape for every check a decision runs (the risk module's red flags, the cloud checks): the catalogue row
 * is data (id, severity, weight, citation, dates, the request fields it reads) next to `detect()`, the code.
 */
import type { Severity } from '../common/reason';
import { inPeriod } from '../common/dates';

export interface CheckRow {
  /** the reason code it raises (catalogue id); two checks may share one */
  id: string;
  /** unique check name (camelCase) */
  name: string;
  /** default severity; a hit may carry another */
  severity: Severity;
  /** default contribution to riskScore, 0..1 (negative = mitigating) */
  weight: number;
  /** citation: public law and guidance */
  source: string;
  /** request fields read */
  reads: string[];
  /** first day the check applies (YYYY-MM-DD); absent = always */
  from?: string | null;
  /** first day it no longer applies (exclusive); absent = open-ended */
  to?: string | null;
}

/** A catalogue row with its detector. */
export interface Check<Args extends unknown[], Out> extends CheckRow {
  detect(...args: Args): Out;
}

/** Whether a check applies on the decision date (its from / to dates). */
export function checkInForce(check: Pick<CheckRow, 'from' | 'to'>, date: string): boolean {
  return inPeriod(date, check.from, check.to);
}
