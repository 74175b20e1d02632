/** The aggregate compute of the requested capacity: TPP, H100-equivalents, peak operations, a training-window bound. */
import type { Reason } from '../common/reason';
import { isControlled, ItemResult, subjectLabel } from '../decision';
import { aggregateCompute, H100_TPP } from '../rules';
import type { ItemClassification } from '../rules';
import { CITES } from './citations';
import type { CloudParams } from './params';
import type { AcceleratorCompute, CloudCompute, CloudCustomerInput, CloudDeps } from './types';

export function formatOps(n: number): string {
  if (!Number.isFinite(n) || n === 0) return String(n);
  return n.toExponential(2).replace('e+', 'e');
}

export function computeCapacity(
  input: CloudCustomerInput,
  deps: CloudDeps,
  params: CloudParams,
): { compute: CloudCompute; items: ItemResult[]; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const items: ItemResult[] = [];
  const accelerators: AcceleratorCompute[] = [];
  const unknownTpp: number[] = [];
  const classified: { classification: ItemClassification; quantity: number }[] = [];
  input.accelerators.forEach((a, index) => {
    const subject = `accelerators[${index}]`;
    const c = deps.rules.classifyItem(
      { model: a.model, partNumber: a.partNumber, quantity: a.quantity, acceleratorsPerUnit: a.acceleratorsPerUnit },
      { date: input.date, index },
    );
    // the classification's own reasons (GP10 for Ascend parts, unknown part, assumed default …) concern this line
    for (const r of c.reasons) reasons.push({ ...r, subject: r.subject.replace(/^items\[/, 'accelerators[') });
    const perUnit = c.acceleratorsPerUnit || a.acceleratorsPerUnit || 1;
    const count = a.quantity * perUnit;
    const tpp = !c.unknown && typeof c.tpp === 'number' && Number.isFinite(c.tpp) ? c.tpp : null;
    classified.push({ classification: { ...c, acceleratorsPerUnit: perUnit }, quantity: a.quantity });
    if (tpp === null) {
      unknownTpp.push(index);
      reasons.push({
        code: 'CLOUD_ACCELERATOR_UNKNOWN',
        severity: 'review',
        message: `${subjectLabel(subject)} "${a.model}" could not be resolved to a known accelerator: its compute is not counted, so the capacity checks are incomplete`,
        citation: `${CITES.kyc}; 15 CFR 732.3 (classification responsibility)`,
        subject,
        evidence: { model: a.model, quantity: a.quantity, eccn: c.eccn, basis: c.basis },
      });
    }
    accelerators.push({
      index,
      model: a.model,
      resolvedModel: c.resolvedModel ?? null,
      quantity: a.quantity,
      acceleratorsPerUnit: perUnit,
      acceleratorCount: count,
      tpp,
      totalTpp: tpp === null ? null : tpp * count,
      eccn: c.eccn,
    });
    items.push({
      index,
      model: a.model,
      resolvedModel: c.resolvedModel ?? null,
      eccn: c.eccn,
      tpp,
      performanceDensity: c.performanceDensity ?? null,
      datacenter: c.datacenter ?? null,
      basis: c.basis,
      acceleratorCount: count,
      controlled: isControlled(c),
      // remote access to capacity is not an export (export-rules.md §5.1): no destination licence is determined here
      licenseRequired: false,
      licenseExceptions: [],
    });
  });
  const h100Tpp = deps.rules.h100Tpp?.() ?? H100_TPP;
  const total = aggregateCompute(classified, h100Tpp);
  const peakOpsPerSecond = (total.totalTpp / 16) * 1e12;
  const windowOps = peakOpsPerSecond * params.trainingWindowDays * 86400;
  return {
    compute: {
      totalTpp: total.totalTpp,
      h100Equivalents: total.h100Equivalents,
      h100Tpp,
      acceleratorCount: total.accelerators,
      peakOpsPerSecond,
      windowOps,
      windowDays: params.trainingWindowDays,
      trainingComputeFlop: input.trainingComputeFlop ?? null,
      trainingFlopThreshold: deps.trainingFlopThreshold,
      unknownTpp,
      accelerators,
    },
    items,
    reasons,
  };
}
