/**
 * Scenario-suite figures: each order's expected decision against the one chipguard gives.
 * agree = same; over-blocking = stricter than expected (a hold or block without cause);
 * under-blocking = more lenient than expected (the worst kind: must stay 0).
 * Used by test/transactions.e2e-spec.ts and by `npm run eval:scenarios`.
 */
export type Outcome = 'allow' | 'review' | 'deny';

const RANK: Record<Outcome, number> = { allow: 0, review: 1, deny: 2 };

export interface ScenarioOutcome {
  name: string;
  expected: Outcome;
  actual: Outcome;
}

export interface ScenarioFigures {
  total: number;
  agree: number;
  over: number;
  under: number;
  /** expected -> actual -> count */
  confusion: Record<Outcome, Record<Outcome, number>>;
  overBlocked: ScenarioOutcome[];
  underBlocked: ScenarioOutcome[];
}

export function scenarioFigures(outcomes: ScenarioOutcome[]): ScenarioFigures {
  const confusion = { allow: { allow: 0, review: 0, deny: 0 }, review: { allow: 0, review: 0, deny: 0 }, deny: { allow: 0, review: 0, deny: 0 } };
  const f: ScenarioFigures = { total: outcomes.length, agree: 0, over: 0, under: 0, confusion, overBlocked: [], underBlocked: [] };
  for (const o of outcomes) {
    confusion[o.expected][o.actual]++;
    if (RANK[o.actual] === RANK[o.expected]) f.agree++;
    else if (RANK[o.actual] > RANK[o.expected]) {
      f.over++;
      f.overBlocked.push(o);
    } else {
      f.under++;
      f.underBlocked.push(o);
    }
  }
  return f;
}

export function formatFigures(f: ScenarioFigures): string {
  const lines = [
    `scenario suite: ${f.total} orders: ${f.agree} agree, ${f.over} over-blocking, ${f.under} under-blocking`,
    'expected \\ actual   allow  review    deny',
    ...(['allow', 'review', 'deny'] as Outcome[]).map(
      (e) => `${e.padEnd(18)}${(['allow', 'review', 'deny'] as Outcome[]).map((a) => String(f.confusion[e][a]).padStart(7)).join(' ')}`,
    ),
    ...f.overBlocked.map((o) => `  over:  ${o.name} (expected ${o.expected}, got ${o.actual})`),
    ...f.underBlocked.map((o) => `  UNDER: ${o.name} (expected ${o.expected}, got ${o.actual})`),
  ];
  return lines.join('\n');
}
