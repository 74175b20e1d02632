/**
 * A user-facing citation names only public law and guidance: a CFR section, a Federal Register notice with
 * its date, or a BIS / FinCEN guidance document with its date (issue 12). Never the engineers' notes, their
 * case ids, evidence marks or nicknames.
 */
import { COMBINATION_RULES, evaluateRedFlags } from './evaluate';
import { RED_FLAGS } from './flags';
import { ctxFor, orderWith, run } from './fakes.testing';
import type { RedFlag } from './types';

/** What must never reach a user: note file names, internal case / rule ids, evidence marks, note-speak. */
export const CITATION_LEAKS: [string, RegExp][] = [
  ['note file name', /\b[\w-]+\.md\b|red[- ]flags?\.md|export-rules|list-formats|DESIGN\b|API\.md/i],
  ['internal case id', /(^|[\s(;,/])C\d{1,2}(\b|[-–])/],
  ['numbered note line', /#\d+/],
  ['evidence mark', /\[(U|R\d?|S|secondary|unverified|suggestion)[^\]]*\]/i],
  ['note-speak', /shared docs|not in the (shared )?docs|catalogue row|suggested combination|the catalogue/i],
  ['combination rule id', /\bR[1-9]\b/],
  ['unpublished research nickname', /\b(CNAS|Operation Gatekeeper|Megaspeed|phantom data cent|CHPL|WSJ|Reuters|Bloomberg|NYT)\b/i],
];

/** Every citation must name at least one public document with a date or a CFR section. */
const PUBLIC = /\b\d+ CFR\b|\b\d+ FR \d+|Federal Register|\b(BIS|FinCEN)\b.*\(\w{3} \d{1,2}, \d{4}\)/;

export function citationProblems(citation: string): string[] {
  const out = CITATION_LEAKS.filter(([, re]) => re.test(citation)).map(([what]) => what);
  if (!PUBLIC.test(citation)) out.push('names no CFR section or dated BIS / FinCEN / Federal Register document');
  return out;
}

describe('red-flag citations', () => {
  it.each(RED_FLAGS.map((f: RedFlag) => [f.name, f.source] as const))('%s cites only public law and guidance', (_name, source) => {
    expect({ source, problems: citationProblems(source) }).toEqual({ source, problems: [] });
  });

  it.each(COMBINATION_RULES.map((r) => [r.rule, r.source] as const))('combination rule %s cites only public law and guidance', (_rule, source) => {
    expect({ source, problems: citationProblems(source) }).toEqual({ source, problems: [] });
  });

  it('the leak check itself catches each kind of leak', () => {
    for (const bad of [
      'red-flags.md catalogue PAYMENT_FROM_RESTRICTED',
      'ALX Solutions (C1); 15 CFR 744.23',
      'BIS Red Flag Indicators #12; 15 CFR 732',
      '15 CFR 744.6 [R2]',
      'OFAC 50 Percent Rule guidance (Aug 13 2014) [U: not in the shared docs]',
      'combination rule R1; 15 CFR 744.23',
      'Operation Gatekeeper; 15 CFR 764.2(g)',
      'BIS guidance, no date',
    ]) {
      expect({ bad, leaks: citationProblems(bad).length > 0 }).toEqual({ bad, leaks: true });
    }
  });

  it('the reasons of a many-flag order (escalations, profile answers, a failing detector) cite only public sources, and their messages name no internal id', () => {
    const o = orderWith((o) => {
      o.buyer = { name: 'Kowloon Realty Ltd', country: 'SG', incorporatedOn: '2026-06-01', kind: 'distributor' };
      delete o.endUser;
      o.shipTo = { name: 'Swift Freight Pte Ltd', country: 'SG', kind: 'freight_forwarder', address: 'PO Box 12' };
      o.billTo = { name: 'Other Party Ltd', country: 'AE' };
      o.payment = { payerName: 'Harbour Trading Ltd', originCountry: 'HK' };
      o.intermediaries = [{ name: 'Pearl Forwarding', country: 'HK', kind: 'freight_forwarder' }];
      o.endUse = 'resale to Chinese customers via cloud rental of GPU capacity';
      Object.assign(o.attributes!, {
        registeredActivity: 'real estate',
        websiteAgeMonths: 1,
        ownersDisclosed: false,
        nomineeDirectors: 3,
        servicesDeclined: true,
        oemInstallationPurchased: false,
        siteStatus: 'none',
        routingChangedAfterApproval: true,
        relabelRequested: true,
        requestedInvoiceDescription: 'computer parts and adapters',
        lastPostShipmentCheck: 'refused',
        insiderOverrideRequested: true,
        accessCountries: ['CN'],
        iaasReservation: true,
        priorOrderCount: 0,
      });
    });
    const broken: RedFlag = {
      ...RED_FLAGS[0],
      name: 'broken',
      detect: () => {
        throw new Error('boom');
      },
    };
    const reasons = [...run(o).reasons, ...evaluateRedFlags(ctxFor(o), [broken]).reasons];
    expect(reasons.length).toBeGreaterThan(15);
    for (const r of reasons) {
      expect({ code: r.code, problems: citationProblems(r.citation) }).toEqual({ code: r.code, problems: [] });
      const messageLeaks = CITATION_LEAKS.filter(([what, re]) => what !== 'unpublished research nickname' && re.test(r.message)).map(([w]) => w);
      expect({ code: r.code, message: r.message, messageLeaks }).toEqual({ code: r.code, message: r.message, messageLeaks: [] });
    }
  });
});
