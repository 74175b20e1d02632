/** Red flags: deception. Each is a catalogue row (id, severity, weight, citation, fields read) with its detect(). */
import { DECOY_TERMS, GOODS_TERMS, HS_PREFIXES_BY_KIND } from '../params';
import { deceptionSeverity, attrs, hits } from './shared';
import type { RedFlag, RedFlagHit } from '../types';

export const misdescribedGoods: RedFlag = {
  id: 'MISDESCRIBED_GOODS',
  name: 'misdescribedGoods',
  severity: 'deny',
  weight: 0.8,
  scope: 'any',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): packaging or description inconsistent with the goods; misrepresentation and concealment of facts: 15 CFR 764.2(g); accurate export information: 15 CFR 758.1',
  reads: ['attributes.requestedInvoiceDescription', 'items[].hsCode', 'items[].kind'],
  detect: (ctx, f) => {
    const out: RedFlagHit[] = [];
    const desc = attrs(ctx).requestedInvoiceDescription;
    if (typeof desc === 'string' && desc.trim()) {
      const decoy = DECOY_TERMS.exec(desc)?.[0];
      const modelWords = ctx.items
        .map((i) => i.resolvedModel ?? ctx.order.items[i.index]?.model)
        .filter((m): m is string => !!m)
        .some((m) =>
          m
            .toLowerCase()
            .split(/\s+/)
            .some((w) => w.length >= 3 && desc.toLowerCase().includes(w)),
        );
      const namesGoods = GOODS_TERMS.test(desc) || modelWords;
      if (decoy || !namesGoods) {
        out.push({
          subject: 'order',
          message: `Buyer asked for the goods to be described as '${desc}', which ${decoy ? `uses the decoy term '${decoy}'` : 'does not name the accelerators or servers'}`,
          evidence: { requestedInvoiceDescription: desc, decoyTerm: decoy ?? null, namesGoods },
          severity: deceptionSeverity(f),
        });
      }
    }
    for (const it of ctx.items) {
      if (!it.controlled) continue;
      const item = ctx.order.items[it.index];
      const kind = it.kind ?? item?.kind;
      const hs = item?.hsCode?.replace(/\D/g, '');
      const expected = kind ? HS_PREFIXES_BY_KIND[kind] : undefined;
      if (!hs || !expected) continue;
      if (!expected.some((p) => hs.startsWith(p))) {
        out.push({
          subject: `items[${it.index}]`,
          message: `HS code ${item!.hsCode} does not fit a ${kind} (expected ${expected.map(fmtHs).join(' / ')})`,
          evidence: { hsCode: item!.hsCode, kind, expectedPrefixes: expected.map(fmtHs) },
          severity: 'review',
          weight: 0.3,
        });
      }
    }
    return hits(out);
  },
};

const fmtHs = (p: string) => (p.length > 4 ? `${p.slice(0, 4)}.${p.slice(4)}` : p);

export const relabelOrSerialTamper: RedFlag = {
  id: 'RELABEL_OR_SERIAL_TAMPER',
  name: 'relabelOrSerialTamper',
  severity: 'deny',
  weight: 0.8,
  scope: 'any',
  source:
    'Misrepresentation and concealment of facts: 15 CFR 764.2(g); BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025); 15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): packaging inconsistent with the stated shipping method',
  reads: ['attributes.relabelRequested', 'attributes.serialMismatch'],
  detect: (ctx, f) => {
    const a = attrs(ctx);
    const out: RedFlagHit[] = [];
    if (a.relabelRequested === true) {
      out.push({
        subject: 'order',
        message: 'Buyer asked for unbranded packaging, label removal or relabelling',
        evidence: { relabelRequested: true },
        severity: deceptionSeverity(f),
      });
    }
    if (a.serialMismatch === true) {
      out.push({
        subject: 'customer',
        message: 'Serial numbers were missing or did not match the shipped units at an audit',
        evidence: { serialMismatch: true },
        severity: deceptionSeverity(f),
      });
    }
    return hits(out);
  },
};

export const postShipmentCheckFailed: RedFlag = {
  id: 'POST_SHIPMENT_FAIL',
  name: 'postShipmentCheckFailed',
  severity: 'deny',
  weight: 0.8,
  scope: 'any',
  source:
    'BIS guidance to prevent diversion of advanced computing ICs (May 13, 2025): post-shipment verification of advanced computing ICs; 15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): refusal to allow checks; unresolved red flags: BIS guidance to financial institutions on export control red flags (Oct 9, 2024)',
  reads: ['attributes.lastPostShipmentCheck'],
  detect: (ctx, f) => {
    const r = attrs(ctx).lastPostShipmentCheck;
    if (r !== 'failed' && r !== 'refused') return undefined;
    return {
      subject: 'customer',
      message:
        r === 'failed'
          ? 'The last post-shipment verification for this customer failed (hardware absent, boxed or not as shipped)'
          : 'The customer refused the last post-shipment verification',
      evidence: { lastPostShipmentCheck: r },
      severity: deceptionSeverity(f),
    };
  },
};

/**
 * Severity: review, following the catalogue ("internal escalation"), not deny: the request comes from
 * the seller's own staff, so it is evidence about the process, not proof that the customer deceives.
 */
export const insiderOverride: RedFlag = {
  id: 'INSIDER_OVERRIDE',
  name: 'insiderOverride',
  severity: 'review',
  weight: 0.5,
  scope: 'any',
  source:
    '15 CFR Part 732, Supplement No. 3 (BIS "Know Your Customer" guidance and red flags): do not self-blind, do not cut off the flow of information that comes to the firm; internal escalation',
  reads: ['attributes.insiderOverrideRequested'],
  detect: (ctx) =>
    attrs(ctx).insiderOverrideRequested === true
      ? {
          subject: 'order',
          message: 'Staff asked to bypass a compliance check or to ship before approval; escalate internally',
          evidence: { insiderOverrideRequested: true },
        }
      : undefined,
};
