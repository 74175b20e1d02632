/**
 * Licence determination for one classified item: destination licence
 * (15 CFR 742.6(a)(6)), the headquarters rule (742.6(a)(6)(iii)(A) / 744.23(a)(3)),
 * the UAE rule, 3A090.c, is-informed letters (744.23(b)), embargoes (Part 746),
 * GP10 (736.2(b)(10)), License Exceptions NAC/ACA (740.8) and the review policy
 * (744.23(d); 91 FR 1684 for the Jan 2026 tier). Licences on file are applied last.
 *
 * Severity follows API.md: a requirement with a presumption of denial and no
 * licence on file is `deny`; case-by-case, approval, letters and notifications
 * are `review`; a valid licence turns the requirement into `info`.
 */
import { countryName } from '../common/countries';
import type { LicenseOnFile } from '../common/order';
import type { Reason, Severity } from '../common/reason';
import { CountryGroups, inForce } from './country-groups';
import { reason, RulesReasonCode } from './reason-codes';
import type { EmbargoRow, ItemClassification, LicenseContext, LicenseDetermination, ReviewPolicy, RuleParameters, RuleSet, UaeApprovedParty } from './types';

export interface LicenseEnv {
  ruleSet: RuleSet;
  groups: CountryGroups;
  embargoes: readonly EmbargoRow[];
  uaeParties: readonly UaeApprovedParty[];
}

type ExceptionCode = 'NAC' | 'ACA' | 'HBM' | 'STA';

interface Requirement {
  code: Extract<
    RulesReasonCode,
    'LICENSE_REQUIRED' | 'LICENSE_REQUIRED_HQ' | 'LICENSE_REQUIRED_UAE' | 'LICENSE_REQUIRED_HBM' | 'LICENSE_MAY_BE_REQUIRED' | 'INFORMED_LETTER_ITEM'
  >;
  policy: ReviewPolicy;
  /** letters, unknown items: never deny */
  reviewOnly?: boolean;
  exceptions: ExceptionCode[];
  message: string;
  citation: string;
  evidence: Record<string, unknown>;
}

const POLICY_RANK: Record<ReviewPolicy, number> = { presumption_of_approval: 0, case_by_case: 1, presumption_of_denial: 2 };
const POLICY_TEXT: Record<ReviewPolicy, string> = {
  presumption_of_denial: 'presumption of denial',
  case_by_case: 'case-by-case review',
  presumption_of_approval: 'presumption of approval',
};

export function nameOf(country: string): string {
  const n = countryName(country);
  return n ? `${n} (${country})` : country;
}

export function isEmbargoed(embargoes: readonly EmbargoRow[], country: string, date: string): EmbargoRow | undefined {
  return embargoes.find((e) => e.country === country.toUpperCase() && inForce(e, date));
}

function normName(s: string): string {
  return ` ${s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

export function determineLicense(c: ItemClassification, ctx: LicenseContext, env: LicenseEnv): LicenseDetermination {
  const { ruleSet, groups } = env;
  const p = ruleSet.parameters;
  const date = ctx.date;
  const subject = `items[${c.index}]`;
  const exportFrom = (ctx.exportFrom ?? 'US').toUpperCase();
  const reasons: Reason[] = [];
  const reqs: Requirement[] = [];
  const hqs = (ctx.headquarters ?? []).map((h) => ({ ...h, country: h.country.toUpperCase() }));

  // destinations by country, with the subjects that named them; shipping within the US is no export
  const dests = new Map<string, string[]>();
  for (const d of ctx.destinations) {
    const country = d.country.toUpperCase();
    if (country === 'US') continue;
    dests.set(country, [...(dests.get(country) ?? []), d.subject]);
  }

  // ---- hard stops: embargoed destinations (Part 746) and GP10 (Huawei Ascend)
  for (const [country, subjects] of dests) {
    const e = isEmbargoed(env.embargoes, country, date);
    if (e) {
      reasons.push(
        reason(
          'EMBARGOED_DESTINATION',
          'deny',
          subject,
          `${nameOf(country)} is under a comprehensive embargo: AI accelerators must not be exported there`,
          { country, destinationOf: subjects },
          e.citation,
        ),
      );
    }
  }
  if (c.gp10 && p.gp10Guidance) {
    const endUse = (ctx.endUse ?? '').toLowerCase();
    const carveOutTerm = (p.gp10Guidance.carveOutTerms ?? []).find((t) => endUse.includes(t.toLowerCase()));
    reasons.push(
      carveOutTerm
        ? reason(
            'GP10_ADVANCED_COMPUTING_ICS',
            'review',
            subject,
            `${c.resolvedModel ?? 'This item'} is a Huawei Ascend / PRC advanced-computing IC; the declared end use ("${carveOutTerm}") falls under the teardown/evaluation carve-out of the GP10 guidance: confirm it before release`,
            { catalogId: c.catalogId, carveOut: p.gp10Guidance.carveOut, endUse: ctx.endUse, carveOutTerm },
            p.gp10Guidance.citation,
          )
        : reason(
            'GP10_ADVANCED_COMPUTING_ICS',
            'deny',
            subject,
            `${c.resolvedModel ?? 'This item'}${c.gp10Family ? ` (recognised by name as ${c.gp10Family})` : ''} is a Huawei Ascend / PRC advanced-computing IC that BIS considers likely produced in violation of the EAR; dealing in it risks General Prohibition 10 (only teardown/evaluation is carved out)`,
            { catalogId: c.catalogId, carveOut: p.gp10Guidance.carveOut, ...(c.gp10Family ? { family: c.gp10Family } : {}) },
            p.gp10Guidance.citation,
          ),
    );
  }

  const para = c.paragraph;
  const advanced = para === '3A090.a' || para === '3A090.b' || para === '4A090.a' || para === '4A090.b';
  const isA = para === '3A090.a' || para === '4A090.a';
  // datacenter 3A090.a: no licence exception, presumption of denial (744.23(d)(3); LBLE of 3A090)
  const dcA = isA && c.datacenter !== false;
  // LBLE: NAC/ACA for non-datacenter .a (TPP >= 4800) and for .b
  const exceptionItem = advanced && !dcA;
  const restrictedHq = p.headquartersRule
    ? hqs.filter((h) => groups.inScope(h.country, date, { groups: p.headquartersRule!.groups, countries: p.headquartersRule!.countries }))
    : [];
  const hqText = (h: { subject: string; country: string; kind: string }) =>
    `${h.subject} ${h.kind === 'ultimateParent' ? 'has its ultimate parent headquartered' : 'is headquartered'} in ${nameOf(h.country)}`;
  const inDestScope = (country: string) => groups.inScope(country, date, p.destinationScope);

  // 740.8: for an entity headquartered in Macau / D:5 only an exception that covers the HQ rule (NAC) is
  // available, wherever it is located; ACA is not
  const exceptionsFor = (country: string | undefined, viaHq: boolean): ExceptionCode[] => {
    if (!exceptionItem) return [];
    const out: ExceptionCode[] = [];
    for (const code of ['NAC', 'ACA'] as const) {
      const ex = p.exceptions[code];
      if (!ex) continue;
      const forDestination =
        country !== undefined &&
        groups.inScope(country, date, {
          groups: ex.destinationGroups,
          exceptGroups: ex.exceptGroups,
          countries: ex.destinationCountries,
          exceptCountries: ex.exceptCountries,
        });
      if (viaHq || restrictedHq.length ? ex.coversHeadquartersRule : forDestination) out.push(code);
    }
    return out;
  };

  if (advanced) {
    for (const [country, subjects] of dests) {
      if (inDestScope(country)) {
        const { policy, note, tier } = destinationPolicy(country);
        const evidence: Record<string, unknown> = {
          country,
          destinationOf: subjects,
          groups: groups.groupsOf(country, date),
          eccn: c.eccn,
          tpp: c.tpp,
          reviewPolicy: policy,
        };
        reqs.push({
          code: 'LICENSE_REQUIRED',
          policy,
          exceptions: exceptionsFor(country, false),
          evidence,
          message: `${c.eccn} to ${nameOf(country)} needs a licence (${POLICY_TEXT[policy]}${note ? `; ${note}` : ''})`,
          citation: `${p.destinationScope.citation}; ${p.reviewPolicy.citation}`,
        });
        if (tier) {
          reasons.push(
            reason(
              'CASE_BY_CASE_TIER_2026',
              'info',
              subject,
              `TPP ${c.tpp} < ${tier.tppBelow} and DRAM bandwidth ${c.memoryBandwidthGBs} GB/s < ${tier.dramBandwidthBelowGBs} GB/s, exported from ${exportFrom}: case-by-case review if every condition holds: ${tier.conditions.join('; ')}`,
              { tpp: c.tpp, memoryBandwidthGBs: c.memoryBandwidthGBs, conditions: tier.conditions },
              tier.citation,
            ),
          );
        }
      } else if (p.uaeRule && country === p.uaeRule.country) {
        const carve = uaeCarveOut();
        const sta = p.uaeRule.approvedPartyException;
        if (carve && sta) {
          // an approved party gets License Exception STA with its conditions: still a requirement to meet, never "no licence"
          reasons.push(
            reason(
              'UAE_APPROVED_PARTY',
              'info',
              subject,
              `${carve.subject} "${carve.name}" is an approved party under the UAE rule (${carve.party.category}): License Exception STA is available if its conditions are met: ${sta.conditions.join('; ')}`,
              { party: carve.party.id, subject: carve.subject, validUntil: carve.party.to, exception: sta.code, conditions: sta.conditions },
              `${carve.party.citation}; ${sta.citation}`,
            ),
          );
          reqs.push({
            code: 'LICENSE_REQUIRED_UAE',
            policy: p.uaeRule.reviewPolicy,
            reviewOnly: true,
            exceptions: [sta.code],
            evidence: { country, destinationOf: subjects, eccn: c.eccn, approvedParty: carve.party.id },
            message: `${c.eccn} to the UAE for approved party "${carve.name}": a licence, or License Exception STA once its conditions are confirmed`,
            citation: `${p.uaeRule.citation}; ${sta.citation}`,
          });
        } else if (carve) {
          reasons.push(
            reason(
              'UAE_APPROVED_PARTY',
              'info',
              subject,
              `${carve.subject} "${carve.name}" is an approved party under the UAE rule (${carve.party.category})`,
              { party: carve.party.id, subject: carve.subject, validUntil: carve.party.to },
              carve.party.citation,
            ),
          );
        } else {
          reqs.push({
            code: 'LICENSE_REQUIRED_UAE',
            policy: p.uaeRule.reviewPolicy,
            reviewOnly: true,
            exceptions: [],
            evidence: { country, destinationOf: subjects, eccn: c.eccn },
            message: `${c.eccn} to the UAE needs a licence unless the recipient is the UAE Government, a Supp. No. 8 approved entity or a US-headquartered AI firm`,
            citation: p.uaeRule.citation,
          });
        }
      }
    }
    // headquarters rule (742.6(a)(6)(iii)(A), 744.23(a)(3); BIS guidance of May 31 2026: all destinations outside
    // the US): it applies wherever the destination itself does not already carry the Macau / D:5 presumption of
    // denial, so also in D:1 / D:4 destinations (Vietnam, Kazakhstan, Saudi Arabia …) whose own licence is case-by-case
    const inDenialScope = (country: string) =>
      inDestScope(country) && groups.inScope(country, date, { groups: p.reviewPolicy.denialGroups, countries: p.reviewPolicy.denialCountries });
    const otherDests = [...dests.keys()].filter((country) => !inDenialScope(country));
    if (restrictedHq.length && (otherDests.length || dests.size === 0)) {
      const approvalScope = p.reviewPolicy.approvalForHeadquarters;
      for (const h of restrictedHq) {
        // 744.23(d)(2): a party headquartered in A:5/A:6 (e.g. Cyprus, D:5 and A:6 at once) gets a presumption of approval
        const approved = approvalScope !== null && groups.inScope(h.country, date, { groups: approvalScope.groups, countries: approvalScope.countries });
        const policy: ReviewPolicy = approved ? 'presumption_of_approval' : dcA ? 'presumption_of_denial' : p.reviewPolicy.other;
        reqs.push({
          code: 'LICENSE_REQUIRED_HQ',
          policy,
          exceptions: exceptionsFor(undefined, true),
          evidence: { subject: h.subject, country: h.country, kind: h.kind, destinations: otherDests, eccn: c.eccn },
          message: `${hqText(h)}: ${c.eccn} needs a licence to ${otherDests.length ? otherDests.map(nameOf).join(', ') : 'any destination'} (${POLICY_TEXT[policy]})`,
          citation: p.headquartersRule!.citation,
        });
      }
    }
  }

  // ---- 3A090.c: HBM to Macau / D:5 [U scope]
  if (para === '3A090.c' && p.hbm) {
    const hbm = p.hbm;
    for (const [country, subjects] of dests) {
      if (!groups.inScope(country, date, { groups: hbm.destinationGroups, countries: hbm.destinationCountries })) continue;
      const eligible = c.memoryBandwidthDensity !== undefined && c.memoryBandwidthDensity < hbm.licenseExceptionHbmBelow;
      reqs.push({
        code: 'LICENSE_REQUIRED_HBM',
        policy: hbm.reviewPolicy,
        exceptions: eligible ? ['HBM'] : [],
        evidence: { country, destinationOf: subjects, memoryBandwidthDensity: c.memoryBandwidthDensity },
        message: `3A090.c high-bandwidth memory to ${nameOf(country)} needs a licence (${POLICY_TEXT[hbm.reviewPolicy]}; scope is a working assumption)`,
        citation: hbm.citation,
      });
    }
  }

  // ---- is-informed letters (H20 / MI308 class): review, binding only on the letter's recipient
  const letter = c.informedLetter;
  if (letter && !advanced) {
    const hit = [...dests.keys()].filter((country) =>
      groups.inScope(country, date, { groups: letter.destinationGroups, countries: letter.destinationCountries }),
    );
    const hqHit = letter.headquarters ? restrictedHqFor(['D:5'], ['MO']) : [];
    if (hit.length || hqHit.length) {
      reqs.push({
        code: 'INFORMED_LETTER_ITEM',
        policy: letter.reviewPolicy,
        reviewOnly: true,
        exceptions: [],
        evidence: { letter: letter.id, recipient: letter.recipient, destinations: hit, headquarters: hqHit.map((h) => h.subject) },
        message: `${c.resolvedModel ?? 'This item'} is covered by the ${letter.recipient} is-informed letter (${letter.id}) for ${[...hit.map(nameOf), ...hqHit.map(hqText)].join(', ')}: a licence is required for ${letter.recipient}; other exporters must treat it as a review item`,
        citation: letter.citation,
      });
    }
  }

  // ---- unknown item: fail closed where an advanced-computing item would need a licence
  if (c.unknown && !advanced) {
    const hit = [...dests.keys()].filter((country) => inDestScope(country) || (p.uaeRule && country === p.uaeRule.country));
    const excluded = p.jan2026Tier?.excluded;
    const denialHit =
      c.architecture && excluded?.architectures.includes(c.architecture)
        ? hit.filter((country) => groups.inScope(country, date, { groups: p.reviewPolicy.denialGroups, countries: p.reviewPolicy.denialCountries }))
        : [];
    if (denialHit.length) {
      // an unlisted Blackwell-class part (e.g. B30A) is a datacenter 3A090.a-class item: Macau / D:5 presumption of denial
      reqs.push({
        code: 'LICENSE_MAY_BE_REQUIRED',
        policy: 'presumption_of_denial',
        exceptions: [],
        evidence: { destinations: denialHit, architecture: c.architecture },
        message: `The item is not in the catalog but is recognised by name as a ${c.architecture}-class part; to ${denialHit.map(nameOf).join(', ')} it needs a licence under a presumption of denial: ${excluded!.text}`,
        citation: `${p.destinationScope.citation}; ${excluded!.citation}`,
      });
    } else if (hit.length || restrictedHq.length) {
      reqs.push({
        code: 'LICENSE_MAY_BE_REQUIRED',
        policy: 'case_by_case',
        reviewOnly: true,
        exceptions: [],
        evidence: { destinations: hit, headquarters: restrictedHq.map((h) => h.subject) },
        message: `The item could not be classified and ${[...hit.map((x) => `${nameOf(x)} is a licence destination for advanced-computing items`), ...restrictedHq.map(hqText)].join('; ')}: a licence may be required`,
        citation: `${p.destinationScope.citation}; ${p.headquartersRule?.citation ?? ''}`.replace(/; $/, ''),
      });
    }
  }

  // ---- licences on file
  const lic = applyLicenses(reqs, ctx.licenses ?? [], date, subject, reasons, p);

  if (!reqs.length && !reasons.some((r) => r.severity === 'deny') && !c.unknown) {
    const where = [...dests.keys()].map(nameOf).join(', ') || 'the destinations given';
    reasons.push(
      reason(
        'NOT_CONTROLLED',
        'info',
        subject,
        advanced || para === '3A090.c'
          ? `${c.eccn}: no advanced-computing licence is required to ${where} on ${date}`
          : `${c.resolvedModel ?? 'The item'} is not caught by the advanced-computing parameters (${c.eccn}); no licence under 15 CFR 742.6(a)(6)`,
        { eccn: c.eccn, destinations: [...dests.keys()] },
      ),
    );
  }

  const policies = reqs.map((r) => r.policy).sort((a, b) => POLICY_RANK[b] - POLICY_RANK[a]);
  return {
    licenseRequired: reqs.length > 0,
    licenseExceptions: lic.exceptions,
    reviewPolicy: policies[0],
    rulesVersion: ruleSet.id,
    reasons,
  };

  // ---- helpers (closures over the context)

  function restrictedHqFor(groupsList: string[], countries: string[]) {
    return hqs.filter((h) => groups.inScope(h.country, date, { groups: groupsList, countries }));
  }

  function destinationPolicy(country: string): { policy: ReviewPolicy; note?: string; tier?: NonNullable<typeof p.jan2026Tier> } {
    const rp = p.reviewPolicy;
    // 744.23(d)(2): end user headquartered in the US / A:5 / A:6 and not owned from Macau / D:5
    if (rp.approvalForHeadquarters) {
      const eu = hqs.filter((h) => h.subject === 'endUser');
      const ok =
        eu.some((h) => h.kind === 'headquarters') &&
        eu.every((h) => groups.inScope(h.country, date, { groups: rp.approvalForHeadquarters!.groups, countries: rp.approvalForHeadquarters!.countries }));
      if (ok)
        return { policy: 'presumption_of_approval', note: 'end user headquartered in the US or A:5/A:6 and not owned from Macau/D:5, 15 CFR 744.23(d)(2)' };
    }
    const denialDest = groups.inScope(country, date, { groups: rp.denialGroups, countries: rp.denialCountries });
    if (!denialDest) return { policy: 'case_by_case' };
    if (!dcA) return { policy: rp.other };
    const tier = p.jan2026Tier;
    if (tier && tier.countries.includes(country) && tier.excluded && c.architecture && tier.excluded.architectures.includes(c.architecture)) {
      return { policy: 'presumption_of_denial', note: `${c.architecture}-class part: ${tier.excluded.text} (${tier.excluded.citation})` };
    }
    if (tier && tier.countries.includes(country)) {
      if (!tier.exportFrom.includes(exportFrom))
        return { policy: 'presumption_of_denial', note: `the Jan 2026 case-by-case tier covers only exports from ${tier.exportFrom.join('/')}` };
      if (c.tpp === undefined || c.memoryBandwidthGBs === undefined) {
        return { policy: 'presumption_of_denial', note: 'DRAM bandwidth unknown, so the Jan 2026 case-by-case tier cannot be applied' };
      }
      if (c.tpp < tier.tppBelow && c.memoryBandwidthGBs < tier.dramBandwidthBelowGBs) {
        return { policy: tier.reviewPolicy, note: 'Jan 2026 tier (91 FR 1684)', tier };
      }
      return {
        policy: 'presumption_of_denial',
        note: `above the Jan 2026 tier (TPP ${c.tpp} / DRAM ${c.memoryBandwidthGBs} GB/s vs < ${tier.tppBelow} / < ${tier.dramBandwidthBelowGBs})`,
      };
    }
    return { policy: rp.datacenterA };
  }

  function uaeCarveOut() {
    const parties = ctx.parties ?? [];
    const recipient = parties.find((x) => x.subject === 'endUser') ?? parties.find((x) => x.subject === 'shipTo');
    if (!recipient) return undefined;
    const n = normName(recipient.name);
    for (const party of env.uaeParties) {
      if (!inForce(party, date)) continue;
      if (!party.names.some((name) => n.includes(normName(name)))) continue;
      if (party.requiresPartyKind && recipient.kind !== party.requiresPartyKind) continue;
      if (party.requiresHeadquarters) {
        // the firm or its subsidiary: the ultimate parent decides where one is named, else the headquarters
        const own = hqs.filter((h) => h.subject === recipient.subject);
        const parent = own.filter((h) => h.kind === 'ultimateParent');
        const decisive = parent.length ? parent : own;
        if (!decisive.length || !decisive.every((h) => h.country === party.requiresHeadquarters)) continue;
      }
      return { party, subject: recipient.subject, name: recipient.name };
    }
    return undefined;
  }
}

/** Turn requirements into reasons, given the licences and notifications on file. */
function applyLicenses(
  reqs: Requirement[],
  licenses: LicenseOnFile[],
  date: string,
  subject: string,
  reasons: Reason[],
  p: Pick<RuleParameters, 'exceptions' | 'hbm'>,
): { exceptions: string[] } {
  // the figures the messages name come from the rule set in force (NAC notification period, HBM density limit)
  const nacDays = p.exceptions.NAC?.notificationDays;
  const hbmBelow = p.hbm?.licenseExceptionHbmBelow;
  const exceptions = [...new Set(reqs.flatMap((r) => r.exceptions))];
  if (!reqs.length) return { exceptions };
  const expired = licenses.filter((l) => l.validUntil && l.validUntil < date);
  const live = licenses.filter((l) => !l.validUntil || l.validUntil >= date);
  const valid = live.filter((l) => (l.type === 'license' || l.type === 'VEU') && l.validUntil);
  for (const l of expired) {
    reasons.push(
      reason(
        'LICENSE_EXPIRED',
        'info',
        subject,
        `${l.type} ${l.number ?? ''} expired on ${l.validUntil}, before ${date}: it does not count`.replace('  ', ' '),
        { type: l.type, number: l.number, validUntil: l.validUntil },
      ),
    );
  }
  for (const l of live.filter((x) => (x.type === 'license' || x.type === 'VEU') && !x.validUntil)) {
    reasons.push(
      reason('LICENSE_UNVERIFIED', 'info', subject, `${l.type} ${l.number ?? ''} has no validUntil date: not counted`.replace('  ', ' '), {
        type: l.type,
        number: l.number,
      }),
    );
  }
  if (valid.length) {
    const l = valid[0];
    for (const r of reqs)
      reasons.push(
        reason(r.code, 'info', subject, `${r.message} — covered by ${l.type} ${l.number ?? ''}`.trim(), { ...r.evidence, coveredBy: l.number }, r.citation),
      );
    reasons.push(
      reason('LICENSE_ON_FILE', 'info', subject, `${l.type} ${l.number ?? ''} valid until ${l.validUntil} covers the licence requirement`.replace('  ', ' '), {
        type: l.type,
        number: l.number,
        validUntil: l.validUntil,
        covers: reqs.map((r) => r.code),
      }),
    );
    return { exceptions };
  }
  const onFile = (t: 'NAC' | 'ACA') => live.find((l) => l.type === t);
  const eligibleNoted = new Set<ExceptionCode>();
  let notEligibleNoted = false;
  for (const r of reqs) {
    const usable = (['NAC', 'ACA'] as const).find((t) => r.exceptions.includes(t) && onFile(t));
    if (usable) {
      const l = onFile(usable)!;
      reasons.push(
        reason(
          r.code,
          'review',
          subject,
          `${r.message} — ${usable} ${usable === 'NAC' ? 'notification' : 'claim'} ${l.number ?? ''} on file`.trim(),
          { ...r.evidence, exception: usable },
          r.citation,
        ),
      );
      reasons.push(
        usable === 'NAC'
          ? reason(
              'NAC_NOTIFIED',
              'review',
              subject,
              `NAC notification ${l.number ?? ''} on file: ship only once ${nacDays} days have passed with no BIS objection or call-in`.replace('  ', ' '),
              { number: l.number },
            )
          : reason(
              'ACA_CLAIMED',
              'review',
              subject,
              `License Exception ACA ${l.number ?? ''} claimed: confirm the end user and item are eligible before shipping`.replace('  ', ' '),
              { number: l.number },
            ),
      );
      continue;
    }
    const severity: Severity = !r.reviewOnly && r.policy === 'presumption_of_denial' ? 'deny' : 'review';
    reasons.push(reason(r.code, severity, subject, r.message, r.evidence, r.citation));
    for (const ex of r.exceptions) {
      if (eligibleNoted.has(ex)) continue;
      eligibleNoted.add(ex);
      if (ex === 'NAC')
        reasons.push(
          reason('NAC_ELIGIBLE', 'info', subject, `License Exception NAC is available: notify BIS through SNAP-R at least ${nacDays} days before shipping`, {}),
        );
      if (ex === 'ACA')
        reasons.push(reason('ACA_ELIGIBLE', 'info', subject, 'License Exception ACA is available for this destination (no prior notification)', {}));
      if (ex === 'STA')
        reasons.push(
          reason(
            'STA_ELIGIBLE',
            'info',
            subject,
            'License Exception STA is available for this approved UAE party once its conditions are confirmed (prior consignee statement, ECCN notification)',
            {},
          ),
        );
      if (ex === 'HBM')
        reasons.push(
          reason(
            'HBM_EXCEPTION_ELIGIBLE',
            'info',
            subject,
            `License Exception HBM may be available (density < ${hbmBelow} GB/s/mm²; packaging-site conditions apply)`,
            {},
          ),
        );
    }
    for (const t of ['NAC', 'ACA'] as const) {
      if (!notEligibleNoted && onFile(t) && !r.exceptions.includes(t)) {
        notEligibleNoted = true;
        reasons.push(
          reason(
            'LICENSE_EXCEPTION_NOT_ELIGIBLE',
            'info',
            subject,
            `${t} ${onFile(t)!.number ?? ''} on file does not cover this requirement (${r.code}): ${t} is not available for this item or destination`.replace(
              '  ',
              ' ',
            ),
            { type: t, requirement: r.code },
          ),
        );
      }
    }
  }
  return { exceptions };
}
