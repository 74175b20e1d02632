/**
 * Classification as pure functions: TPP, performance density, the 3A090.a/.b
 * branches with Note 2, 3A090.c (HBM), 4A090 for boards and systems, and the
 * ".z" twins. Thresholds come from the rule set in force (data/rules/rule-sets.json).
 *
 *   TPP = max over precisions of (dense TOPS x bit length), aggregated over all
 *         processing units / dies                       (Technical Notes to 3A090)
 *   PD  = TPP / applicable die area (non-planar logic dies, mm²)
 */
import { inPeriod } from '../common/dates';
import type { Item, ItemKind } from '../common/order';
import type { Reason } from '../common/reason';
import { reason } from './reason-codes';
import {
  AcParagraph,
  CatalogEntry,
  InformedLetter,
  ItemClassification,
  NOT_CONTROLLED_ECCN,
  Resolution,
  RuleParameters,
  RuleSet,
  ThresholdBranch,
  UNKNOWN_ECCN,
} from './types';

export interface TppResult {
  tpp: number;
  /** the precision whose product decided */
  precision?: string;
  rate?: number;
  bits?: number;
  /** keys not counted (sparse or unknown precisions) */
  ignored: string[];
}

/**
 * TPP from dense rates. `units` is one rate table per processing unit / die
 * (a single table for a package figure); rates of a precision are summed over
 * units, multiplied by the bit length, and the highest product wins.
 */
export function computeTpp(units: Record<string, number>[], precisionBits: Record<string, unknown>): TppResult {
  const sums = new Map<string, number>();
  const ignored = new Set<string>();
  for (const u of units) {
    for (const [key, rate] of Object.entries(u)) {
      const k = key.toLowerCase();
      const bits = precisionBits[k];
      // sparse figures are excluded by Technical Note 3; unknown precisions cannot be weighed
      if (/sparse/.test(k) || typeof bits !== 'number' || !Number.isFinite(rate) || rate < 0) {
        ignored.add(key);
        continue;
      }
      sums.set(k, (sums.get(k) ?? 0) + rate);
    }
  }
  let best: TppResult = { tpp: 0, ignored: [...ignored] };
  for (const [k, rate] of sums) {
    const bits = precisionBits[k] as number;
    const product = rate * bits;
    if (product > best.tpp) best = { tpp: product, precision: k, rate, bits, ignored: best.ignored };
  }
  best.tpp = round(best.tpp, 1);
  return best;
}

export function performanceDensity(tpp: number, dieAreaMm2: number | undefined): number | undefined {
  if (!dieAreaMm2 || !(dieAreaMm2 > 0)) return undefined;
  return round(tpp / dieAreaMm2, 2);
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export interface IcClassification {
  /** '3A090.a' | '3A090.b' | undefined (not caught) | 'PD_UNKNOWN' (needs die area) */
  paragraph?: '3A090.a' | '3A090.b';
  branch?: string;
  needsPd?: boolean;
  basis: string;
}

/**
 * The 3A090.a/.b test for one IC, evaluated over the rule set's branches.
 * Note 2: an item not designed or marketed for datacenters is caught only when TPP >= 4800.
 * `pd` unset with a datacenter item whose outcome depends on PD -> needsPd.
 */
export function classifyIc(
  input: { tpp: number; pd?: number; datacenter: boolean; interconnectGBs?: number },
  params: RuleParameters['eccn3A090'],
): IcClassification {
  const { tpp, pd, datacenter } = input;
  const fmt = (n: number | undefined) => (n === undefined ? 'unknown' : String(n));
  const facts = `TPP ${fmt(tpp)}, PD ${fmt(pd)}, ${datacenter ? 'datacenter' : 'not datacenter'}`;
  const note2 = params.note2NonDatacenterTppMin;
  if (!datacenter && note2 !== null && tpp < note2) {
    return { basis: `Note 2 to 3A090: not designed or marketed for datacenters and TPP ${tpp} < ${note2}: not 3A090 (${params.citation})` };
  }
  let pdNeeded = false;
  for (const b of params.branches) {
    const m = branchMatches(b, input);
    if (m === true) {
      return { paragraph: b.paragraph, branch: b.id, basis: `${b.paragraph} (${b.id}): ${b.text}; here ${facts} — ${params.citation}` };
    }
    if (m === 'pd') pdNeeded = true;
  }
  if (pdNeeded) {
    return {
      needsPd: true,
      basis: `${facts}: with 1600 <= TPP the 3A090 branch depends on performance density, which needs the applicable die area (${params.citation})`,
    };
  }
  return { basis: `No 3A090 branch met (${facts}): ${params.branches.map((b) => `${b.id} ${b.text}`).join('; ')} — ${params.citation}` };
}

/** true = met, false = not met, 'pd' = would depend on the unknown PD */
function branchMatches(b: ThresholdBranch, x: { tpp: number; pd?: number; datacenter: boolean; interconnectGBs?: number }): boolean | 'pd' {
  if (b.tppMin !== undefined && !(x.tpp >= b.tppMin)) return false;
  if (b.tppBelow !== undefined && !(x.tpp < b.tppBelow)) return false;
  // the 2022 text: an unknown interconnect is assumed to meet the parameter (fail closed)
  if (b.interconnectMinGBs !== undefined && x.interconnectGBs !== undefined && !(x.interconnectGBs >= b.interconnectMinGBs)) return false;
  if (b.pdMin !== undefined || b.pdBelow !== undefined) {
    if (x.pd === undefined) return 'pd';
    if (b.pdMin !== undefined && !(x.pd >= b.pdMin)) return false;
    if (b.pdBelow !== undefined && !(x.pd < b.pdBelow)) return false;
  }
  return true;
}

/** Base of an ECCN string: "5A992.c" -> "5A992". */
export function eccnBase(eccn: string): string {
  const m = /^\s*([0-9][A-E][0-9]{3})/i.exec(eccn);
  return m ? m[1].toUpperCase() : eccn.trim().toUpperCase();
}

export interface ClassifyInput {
  item: Item;
  index: number;
  ruleSet: RuleSet;
  resolution?: Resolution;
  /** the accelerator a board/server holds, when resolved from the catalog */
  contained?: CatalogEntry;
  letters: InformedLetter[];
  date: string;
}

/**
 * Classify one order item. Specs given on the item override the catalog figures.
 * Never guesses towards "not controlled": a missing figure that decides the
 * outcome makes the item unknown (review).
 */
export function classifyItem(x: ClassifyInput): ItemClassification {
  const { item, index, ruleSet, resolution } = x;
  const p = ruleSet.parameters;
  const subject = `items[${index}]`;
  const reasons: Reason[] = [];
  const entry = resolution?.entry;
  const chip = x.contained ?? (entry && !entry.contains ? entry : undefined);
  const specs = item.specs ?? {};
  const kind: ItemKind = entry?.kind ?? item.kind ?? 'chip';
  const acceleratorsPerUnit = entry?.contains ? entry.acceleratorsPerUnit : (item.acceleratorsPerUnit ?? 1);
  const basisParts: string[] = [];
  if (resolution) {
    basisParts.push(`Resolved "${item.model}" to ${entry!.model} (${resolution.matchedOn} "${resolution.matched}", confidence ${resolution.confidence})`);
    if (resolution.note) {
      basisParts.push(resolution.note);
      if (resolution.matchedOn === 'defaultAlias')
        reasons.push(reason('MODEL_ASSUMED', 'info', subject, resolution.note, { model: item.model, resolved: entry!.id }));
    }
    if (entry!.contains) basisParts.push(`${entry!.kind} holding ${entry!.acceleratorsPerUnit} x ${chip!.model}`);
  }

  const family = gp10Family(item, p);
  const architecture = chip?.architecture ?? entry?.architecture ?? architectureByName(item, p);
  if (family && !(chip?.gp10 || entry?.gp10)) basisParts.push(`"${item.model}" is recognised by name as ${family.name}: ${family.text}`);
  const base: Omit<ItemClassification, 'eccn' | 'basis' | 'unknown' | 'reasons'> = {
    index,
    resolvedModel: resolution?.contained ? `${entry!.model}: ${acceleratorsPerUnit} x ${resolution.contained.model}` : entry?.model,
    catalogId: entry?.id,
    confidence: resolution?.confidence,
    kind,
    acceleratorsPerUnit,
    gp10: !!(chip?.gp10 || entry?.gp10 || family) && !!p.gp10Guidance,
    ...(family && !(chip?.gp10 || entry?.gp10) ? { gp10Family: family.name } : {}),
    ...(architecture ? { architecture } : {}),
    rulesVersion: ruleSet.id,
  };
  const done = (c: Partial<ItemClassification> & { eccn: string; unknown: boolean }, extra: string[] = []): ItemClassification => {
    const result: ItemClassification = { ...base, ...c, basis: [...basisParts, ...extra].join('. '), reasons };
    result.informedLetter = letterFor(result, chip, x.letters, x.date);
    checkDeclared(result, item, subject, reasons, p);
    return result;
  };

  // ---- 3A090.c: HBM stacks (memory bandwidth density = bandwidth / stack area)
  const hbm = specs.hbm ?? chip?.hbm;
  if (kind === 'hbm') {
    if (!p.hbm) return done({ eccn: NOT_CONTROLLED_ECCN, unknown: false }, [`3A090.c did not exist under rule set ${ruleSet.id}`]);
    if (!hbm || !(hbm.areaMm2 > 0)) {
      reasons.push(
        reason('ITEM_SPECS_INCOMPLETE', 'review', subject, 'HBM item without bandwidth and stack area: 3A090.c cannot be tested', {}, p.hbm.citation),
      );
      return done({ eccn: UNKNOWN_ECCN, unknown: true }, ['HBM bandwidth and stack area are needed for 3A090.c']);
    }
    const density = round(hbm.bandwidthGBs / hbm.areaMm2, 3);
    if (density > p.hbm.densityAboveGBsPerMm2) {
      return done({ eccn: '3A090.c', paragraph: '3A090.c', unknown: false, memoryBandwidthDensity: density }, [
        `3A090.c: memory bandwidth density ${density} GB/s/mm² (${hbm.bandwidthGBs} GB/s / ${hbm.areaMm2} mm²) > ${p.hbm.densityAboveGBsPerMm2} — ${p.hbm.citation}`,
      ]);
    }
    return done({ eccn: NOT_CONTROLLED_ECCN, unknown: false, memoryBandwidthDensity: density }, [
      `Not 3A090.c: memory bandwidth density ${density} GB/s/mm² <= ${p.hbm.densityAboveGBsPerMm2} — ${p.hbm.citation}`,
    ]);
  }

  // ---- figures: specs fill in what the catalog lacks; for a part the catalog knows they can only make it
  // stricter (API.md, Item `specs`): per figure the stricter value stands, and a looser one is SPECS_CONFLICT
  const fig = mergeFigures(specs, chip, p.precisionBits);
  if (fig.ignored.length) {
    reasons.push(
      reason('SPARSE_RATE_IGNORED', 'info', subject, `Rates not counted in TPP: ${fig.ignored.join(', ')} (sparse or unknown precision)`, {
        ignored: fig.ignored,
      }),
    );
  }
  if (fig.looser.length) {
    reasons.push(
      reason(
        'SPECS_CONFLICT',
        'review',
        subject,
        `The specs given for ${chip!.model} are less restrictive than the catalog (${fig.looser.map((c) => `${c.figure} ${c.given} given, catalog ${c.catalog}`).join('; ')}): the stricter catalog figures stand; check the part before shipping`,
        { catalogId: chip!.id, looser: fig.looser, stricter: fig.stricter },
      ),
    );
  } else if (fig.stricter.length) {
    reasons.push(
      reason(
        'SPECS_CONFLICT',
        'info',
        subject,
        `The specs given for ${chip!.model} are stricter than the catalog (${fig.stricter.map((c) => `${c.figure} ${c.given} given, catalog ${c.catalog}`).join('; ')}): the stricter figures are applied`,
        { catalogId: chip!.id, stricter: fig.stricter },
      ),
    );
  }
  const tpp = fig.tpp;
  const tppNotes = fig.tppNote ? [fig.tppNote] : [];
  const dieArea = fig.dieAreaMm2;
  const memoryBandwidthGBs = fig.memoryBandwidthGBs;
  const interconnectGBs = fig.interconnectGBs;
  let datacenter = fig.datacenter ?? entry?.datacenter;
  const figures = { memoryBandwidthGBs, interconnectGBs };

  if (tpp === undefined) {
    if (!entry) {
      reasons.push(
        reason(
          'UNKNOWN_ITEM',
          'review',
          subject,
          `"${item.model}" is not in the accelerator catalog and no specs (tpp or dense rates) were given; classify it before shipping`,
          { model: item.model, partNumber: item.partNumber },
        ),
      );
      return done({ eccn: UNKNOWN_ECCN, unknown: true, datacenter, ...figures }, [`"${item.model}" is not in the catalog and no specs were given`]);
    }
    reasons.push(
      reason(
        'ITEM_SPECS_INCOMPLETE',
        'review',
        subject,
        `${entry.model}: the catalog has no confirmed performance figures; the classification cannot be computed`,
        { catalogId: entry.id, uncertain: (chip ?? entry).uncertain },
      ),
    );
    return done({ eccn: UNKNOWN_ECCN, unknown: true, datacenter, ...figures }, [
      `No confirmed rates for ${entry.model}; classification undetermined (no confirmed figures)`,
    ]);
  }

  if (datacenter === undefined) {
    datacenter = true;
    reasons.push(
      reason(
        'DATACENTER_ASSUMED',
        'info',
        subject,
        'Not stated whether the item is designed or marketed for datacenters: treated as a datacenter item (the stricter reading)',
        {},
      ),
    );
  }
  const pd = performanceDensity(tpp, dieArea);
  const ic = classifyIc({ tpp, pd, datacenter, interconnectGBs }, p.eccn3A090);
  const common = { tpp, performanceDensity: pd, datacenter, ...figures };
  if (ic.needsPd) {
    reasons.push(
      reason(
        'ITEM_SPECS_INCOMPLETE',
        'review',
        subject,
        `TPP ${tpp} is between 1600 and 4800 for a datacenter item: the applicable die area is needed to compute performance density`,
        { tpp },
        p.eccn3A090.citation,
      ),
    );
    return done({ eccn: UNKNOWN_ECCN, unknown: true, ...common }, [...tppNotes, ic.basis]);
  }
  if (!ic.paragraph) return done({ eccn: NOT_CONTROLLED_ECCN, unknown: false, ...common }, [...tppNotes, ic.basis]);

  // ---- 4A090 for boards, servers and systems holding such ICs
  let paragraph: AcParagraph = ic.paragraph;
  const extra = [...tppNotes, ic.basis];
  if (kind === 'board' || kind === 'server' || kind === 'system') {
    paragraph = ic.paragraph === '3A090.a' ? (p.computerEccn.a as AcParagraph) : (p.computerEccn.b as AcParagraph);
    extra.push(`${paragraph}: ${kind} containing ${acceleratorsPerUnit} IC(s) meeting ${ic.paragraph} (${p.computerEccn.citation})`);
  }
  // ---- ".z" twins: an item declared in an encryption / computer ECCN with a .z paragraph
  let eccn: string = paragraph;
  if (item.declaredEccn) {
    const declaredBase = eccnBase(item.declaredEccn);
    if (p.zEccns.list.includes(declaredBase)) {
      eccn = `${declaredBase}.z`;
      extra.push(
        `${eccn}: declared ${item.declaredEccn} and meets the ${paragraph} parameters, so it takes the .z paragraph with the same advanced-computing treatment (${p.zEccns.citation})`,
      );
    }
  }
  return done({ eccn, paragraph, unknown: false, ...common }, extra);
}

interface FigureConflict {
  figure: string;
  given: number | boolean;
  catalog: number | boolean;
}

interface MergedFigures {
  tpp?: number;
  tppNote?: string;
  ignored: string[];
  dieAreaMm2?: number;
  memoryBandwidthGBs?: number;
  interconnectGBs?: number;
  datacenter?: boolean;
  /** specs figures less restrictive than the catalog's (not applied) */
  looser: FigureConflict[];
  /** specs figures more restrictive than the catalog's (applied) */
  stricter: FigureConflict[];
}

/** Tolerance for rounding differences between a datasheet and the catalog (0.5 %). */
const FIGURE_TOLERANCE = 0.005;

/**
 * The figures an item is classified on. Without a catalog entry the specs are all there is; with one,
 * each figure takes the stricter of the two values: higher TPP, memory and interconnect bandwidth,
 * smaller die area (higher PD), datacenter rather than not.
 */
function mergeFigures(specs: NonNullable<Item['specs']>, chip: CatalogEntry | undefined, precisionBits: RuleParameters['precisionBits']): MergedFigures {
  const ignored: string[] = [];
  const tppOf = (tpp: number | undefined, denseTops: Record<string, number> | undefined, whose: string): { tpp?: number; note?: string } => {
    if (tpp !== undefined) return { tpp, note: `TPP ${tpp} as given in ${whose}` };
    if (!denseTops || !Object.keys(denseTops).length) return {};
    const r = computeTpp([denseTops], precisionBits);
    ignored.push(...r.ignored.filter((k) => !ignored.includes(k)));
    if (!r.precision) return {};
    return {
      tpp: r.tpp,
      note: `TPP ${r.tpp} = ${r.rate} dense ${r.precision.toUpperCase()} x ${r.bits} bits (highest product over precisions${whose === 'specs' ? ', from the specs given' : ''})`,
    };
  };
  const given = tppOf(specs.tpp, specs.denseTops, 'specs');
  if (!chip) {
    return {
      tpp: given.tpp,
      tppNote: given.note,
      ignored,
      dieAreaMm2: specs.dieAreaMm2,
      memoryBandwidthGBs: specs.memoryBandwidthGBs,
      interconnectGBs: specs.interconnectGBs,
      datacenter: specs.datacenter,
      looser: [],
      stricter: [],
    };
  }
  const catalog = tppOf(undefined, chip.denseTops, 'catalog');
  const looser: FigureConflict[] = [];
  const stricter: FigureConflict[] = [];
  /** the stricter of a given and a catalog figure; `higher` = a higher value is stricter */
  const pick = (figure: string, g: number | undefined, c: number | undefined, higher: boolean): number | undefined => {
    if (g === undefined) return c;
    if (c === undefined) return g;
    const rel = Math.abs(g - c) / Math.max(Math.abs(c), 1e-9);
    if (rel <= FIGURE_TOLERANCE) return c;
    const gStricter = higher ? g > c : g < c;
    (gStricter ? stricter : looser).push({ figure, given: g, catalog: c });
    return gStricter ? g : c;
  };
  const tpp = pick('tpp', given.tpp, catalog.tpp, true);
  let datacenter = chip.datacenter;
  if (specs.datacenter !== undefined && chip.datacenter !== undefined && specs.datacenter !== chip.datacenter) {
    (specs.datacenter ? stricter : looser).push({ figure: 'datacenter', given: specs.datacenter, catalog: chip.datacenter });
    datacenter = true;
  } else if (chip.datacenter === undefined) datacenter = specs.datacenter;
  return {
    tpp,
    tppNote: tpp === undefined ? undefined : tpp === catalog.tpp ? catalog.note : given.note,
    ignored,
    dieAreaMm2: pick('dieAreaMm2', specs.dieAreaMm2, chip.dieAreaMm2, false),
    memoryBandwidthGBs: pick('memoryBandwidthGBs', specs.memoryBandwidthGBs, chip.memory?.bandwidthGBs, true),
    interconnectGBs: pick('interconnectGBs', specs.interconnectGBs, chip.interconnectGBs, true),
    datacenter,
    looser,
    stricter,
  };
}

/** The architecture a rule keys on, recognised by name for a part the catalog does not know (e.g. "B30A" -> Blackwell). */
function architectureByName(item: Pick<Item, 'model' | 'description'>, p: RuleParameters): string | undefined {
  const ex = p.jan2026Tier?.excluded;
  if (!ex) return undefined;
  const text = `${item.model} ${item.description ?? ''}`;
  return ex.patterns.some((re) => new RegExp(re, 'i').test(text)) ? ex.architectures[0] : undefined;
}

/** The GP10 family (BIS guidance of May 13 2025) an item's model or description names, if any. */
export function gp10Family(item: Pick<Item, 'model' | 'description'>, p: RuleParameters): { name: string; text: string } | undefined {
  const text = `${item.model} ${item.description ?? ''}`.toLowerCase();
  return (p.gp10Guidance?.families ?? []).find((f) => f.patterns.some((re) => new RegExp(re, 'i').test(text)));
}

/** The is-informed letter that names this item (or an equivalent), if in force on the date. */
function letterFor(c: ItemClassification, chip: CatalogEntry | undefined, letters: InformedLetter[], date: string): ItemClassification['informedLetter'] {
  for (const l of letters) {
    if (!inPeriod(date, l.from, l.to)) continue;
    const named = chip && l.models.includes(chip.id);
    // "circuits achieving the H20's memory bandwidth, interconnect bandwidth, or combination":
    // only for datacenter ICs the 3A090 parameters do not already catch
    const eq = l.equivalence;
    const equivalent =
      !!eq &&
      !c.paragraph &&
      !c.unknown &&
      c.datacenter === true &&
      (c.tpp ?? 0) > 0 &&
      ((eq.memoryBandwidthMinGBs !== undefined && (c.memoryBandwidthGBs ?? 0) >= eq.memoryBandwidthMinGBs) ||
        (eq.interconnectMinGBs !== undefined && (c.interconnectGBs ?? 0) >= eq.interconnectMinGBs));
    if (named || equivalent) {
      return {
        id: l.id,
        recipient: l.recipient,
        citation: l.citation,
        reviewPolicy: l.reviewPolicy,
        destinationCountries: l.destinationCountries,
        destinationGroups: l.destinationGroups,
        headquarters: l.headquarters,
      };
    }
  }
  return undefined;
}

const AC_FAMILY = /^(3A090|4A090)/;

/** ECCN_MISMATCH when the declared ECCN contradicts the classification. */
function checkDeclared(c: ItemClassification, item: Item, subject: string, reasons: Reason[], p: RuleParameters): void {
  if (!item.declaredEccn || c.unknown) return;
  const declared = item.declaredEccn.trim().toUpperCase();
  const computed = c.eccn.toUpperCase();
  if (declared === computed) return;
  const declaredBase = eccnBase(declared);
  const controlled = !!c.paragraph;
  if (controlled) {
    // a .z twin of its own declared base is consistent
    if (computed.endsWith('.Z') && eccnBase(computed) === declaredBase) return;
    const declaredAc = AC_FAMILY.test(declared) || declared.endsWith('.Z');
    // declared 3A090 for a 3A090.a item (no paragraph) is not a contradiction
    if (declaredAc && computed.startsWith(declared)) return;
    reasons.push(
      reason(
        'ECCN_MISMATCH',
        'review',
        subject,
        `Declared ECCN ${item.declaredEccn} but the item meets ${c.paragraph} (classified ${c.eccn}); the paperwork under-states the control`,
        { declared: item.declaredEccn, classified: c.eccn, tpp: c.tpp, performanceDensity: c.performanceDensity },
      ),
    );
    return;
  }
  if (AC_FAMILY.test(declared) || (declared.endsWith('.Z') && p.zEccns.list.includes(declaredBase))) {
    reasons.push(
      reason(
        'ECCN_MISMATCH',
        'info',
        subject,
        `Declared ECCN ${item.declaredEccn} but the item does not meet the advanced-computing parameters (classified ${c.eccn}); the declaration is stricter than needed`,
        { declared: item.declaredEccn, classified: c.eccn, tpp: c.tpp },
      ),
    );
  }
}

/**
 * H100-equivalents: the unit of the (non-enforced) AI Diffusion caps and a
 * plain way to size a cloud customer's compute. 15,832 is the H100 SXM5's TPP
 * (1,979 dense FP8 TFLOPS x 8; export-rules.md §3.5 and §7, NVIDIA datasheet).
 */
export const H100_TPP = 15832;

export function aggregateCompute(
  items: { classification: Pick<ItemClassification, 'tpp' | 'acceleratorsPerUnit' | 'unknown'>; quantity: number }[],
  h100Tpp: number = H100_TPP,
): { totalTpp: number; h100Equivalents: number; accelerators: number; unknownItems: number } {
  let totalTpp = 0;
  let accelerators = 0;
  let unknownItems = 0;
  for (const { classification: c, quantity } of items) {
    const n = (c.acceleratorsPerUnit || 1) * quantity;
    accelerators += n;
    if (c.unknown || c.tpp === undefined) {
      unknownItems++;
      continue;
    }
    totalTpp += c.tpp * n;
  }
  return { totalTpp: round(totalTpp, 1), h100Equivalents: round(totalTpp / h100Tpp, 2), accelerators, unknownItems };
}
