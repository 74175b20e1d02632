/**
 * The RuleBook: the catalog and the dated rule data under `data/`, loaded once,
 * and the public domain API the HTTP controller, the CLI and the transaction
 * decision core call. Pure TypeScript; the only I/O is the synchronous read in
 * loadRuleBook (cached per directory).
 */
import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import type { Item } from '../common/order';
import { memoize } from '../common/memo';
import { Catalog } from './catalog';
import { aggregateCompute, classifyItem, H100_TPP } from './classify';
import { CountryGroups, inForce, TreatedAs } from './country-groups';
import { determineLicense, isEmbargoed } from './license';
import type {
  AffiliatesAfterSuspension,
  AffiliatesRuleStatus,
  CatalogEntry,
  CatalogView,
  CountryGroupRow,
  EmbargoRow,
  InformedLetter,
  ItemClassification,
  LicenseContext,
  LicenseDetermination,
  Resolution,
  RuleParameters,
  RuleSet,
  RuleSetRow,
  TransshipmentHub,
  UaeApprovedParty,
} from './types';

export interface RuleData {
  catalog: CatalogEntry[];
  ruleSets: RuleSetRow[];
  countryGroups: CountryGroupRow[];
  treatedAs: TreatedAs[];
  letters: InformedLetter[];
  embargoes: EmbargoRow[];
  hubs: TransshipmentHub[];
  uaeParties: UaeApprovedParty[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Fold the change rows into complete rule sets (top-level parameter keys replace whole). */
export function buildRuleSets(rows: RuleSetRow[]): RuleSet[] {
  const sorted = [...rows].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const out: RuleSet[] = [];
  let params: Partial<RuleParameters> = {};
  let citations: string[] = [];
  sorted.forEach((row, i) => {
    if (!DATE.test(row.effectiveFrom)) throw new Error(`rule set ${row.id}: bad effectiveFrom ${row.effectiveFrom}`);
    params = { ...params, ...row.changes };
    citations = [...new Set([...citations, ...row.citations])];
    out.push({
      id: row.id,
      effectiveFrom: row.effectiveFrom,
      effectiveTo: sorted[i + 1]?.effectiveFrom ?? null,
      title: row.title,
      citations,
      parameters: params as RuleParameters,
    });
  });
  const required: (keyof RuleParameters)[] = ['eccn3A090', 'precisionBits', 'computerEccn', 'zEccns', 'destinationScope', 'reviewPolicy', 'exceptions'];
  for (const k of required) if (out.length && !(k in out[0].parameters)) throw new Error(`rule sets: the first rule set must define ${k}`);
  return out;
}

export class RuleBook {
  readonly catalog: Catalog;
  readonly ruleSets: readonly RuleSet[];
  readonly groups: CountryGroups;
  private readonly hubs: Map<string, TransshipmentHub>;
  private readonly views = new Map<string, CatalogView>();

  constructor(readonly data: RuleData) {
    this.catalog = new Catalog(data.catalog);
    this.ruleSets = buildRuleSets(data.ruleSets);
    if (!this.ruleSets.length) throw new Error('rule data: no rule set');
    this.groups = new CountryGroups(data.countryGroups, data.treatedAs);
    this.hubs = new Map(data.hubs.map((h) => [h.country, h]));
    this.checkDates();
  }

  /** Every dated change in the data must start a rule set of its own, so rulesVersion identifies the data used. */
  private checkDates(): void {
    const first = this.ruleSets[0].effectiveFrom;
    const ids = new Set(this.ruleSets.map((r) => r.effectiveFrom));
    const dated = [...this.data.countryGroups, ...this.data.letters, ...this.data.treatedAs, ...this.data.embargoes];
    for (const row of dated) {
      for (const d of [row.from, row.to]) {
        if (d && !DATE.test(d)) throw new Error(`rule data: bad date ${d}`);
        if (d && d >= first && !ids.has(d)) throw new Error(`rule data: the change dated ${d} has no rule set; add one to rule-sets.json`);
      }
    }
  }

  // ---------------------------------------------------------------- rule sets and groups

  /** The rule set in force on the date (dates before the first rule set get the first). */
  ruleSetFor(date: string): RuleSet {
    let found = this.ruleSets[0];
    for (const r of this.ruleSets) if (r.effectiveFrom <= date) found = r;
    return found;
  }

  countryGroups(country: string, date: string): string[] {
    return this.groups.groupsOf(country, date);
  }

  /** Destinations for which 3A090/4A090/.z need a licence: D:1/D:4/D:5 not also A:5/A:6, plus Macau (742.6(a)(6)). */
  isRestrictedForAdvancedComputing(country: string, date: string): boolean {
    return this.groups.inScope(country, date, this.ruleSetFor(date).parameters.destinationScope);
  }

  /** Country Group D:5 (US arms embargo). */
  isArmsEmbargoed(country: string, date: string): boolean {
    return this.groups.isIn(country, 'D:5', date);
  }

  /** Comprehensive embargo (Part 746): Cuba, Iran, North Korea, Syria, Russia, Belarus. */
  isEmbargoed(country: string, date: string): boolean {
    return !!isEmbargoed(this.data.embargoes, country, date);
  }

  /** Macau or D:5: the places whose headquartered entities the HQ rule catches. */
  isRestrictedHeadquarters(country: string, date: string): boolean {
    const hq = this.ruleSetFor(date).parameters.headquartersRule;
    return !!hq && this.groups.inScope(country, date, { groups: hq.groups, countries: hq.countries });
  }

  isTransshipmentHub(country: string): boolean {
    return this.hubs.has(country.toUpperCase());
  }

  transshipmentHub(country: string): TransshipmentHub | undefined {
    return this.hubs.get(country.toUpperCase());
  }

  // ---------------------------------------------------------------- catalog

  findAccelerator(id: string): CatalogEntry | undefined {
    return this.catalog.find(id);
  }

  resolveModel(text: string, partNumber?: string): Resolution | undefined {
    return this.catalog.resolve(text, partNumber);
  }

  /** A catalog entry with its classification under the rule set of `date`. */
  acceleratorView(id: string, date: string = today()): CatalogView | undefined {
    const e = this.catalog.find(id);
    if (!e) return undefined;
    const key = `${id}@${this.ruleSetFor(date).id}`;
    let v = this.views.get(key);
    if (!v) {
      const c = this.classifyItem({ model: e.id, quantity: 1 }, { date });
      v = { ...e, tpp: c.tpp, performanceDensity: c.performanceDensity, eccn: c.eccn, basis: c.basis };
      this.views.set(key, v);
    }
    return v;
  }

  listAccelerators(q?: string, date: string = today()): CatalogView[] {
    return this.catalog.search(q).map((e) => this.acceleratorView(e.id, date)!);
  }

  // ---------------------------------------------------------------- classification and licence

  /** An item's classification depends on the item, its place in the order and the date only: remembered (read-only). */
  classifyItem(item: Item, opts: { date: string; index?: number }): ItemClassification {
    return this.classified({ item, date: opts.date, index: opts.index ?? 0 });
  }

  private readonly classified = memoize(
    ({ item, date, index }: { item: Item; date: string; index: number }) => this.classifyFresh(item, date, index),
    ({ item, date, index }) => `${date}|${index}|${JSON.stringify(item)}`,
    5_000,
  );

  private classifyFresh(item: Item, date: string, index: number): ItemClassification {
    const ruleSet = this.ruleSetFor(date);
    const resolution = this.catalog.resolve(item.model, item.partNumber);
    const contained = resolution?.contained ?? (resolution?.entry.contains ? this.catalog.find(resolution.entry.contains) : undefined);
    return classifyItem({ item, index, ruleSet, resolution, contained, letters: this.lettersOn(date), date });
  }

  determineLicense(c: ItemClassification, ctx: LicenseContext): LicenseDetermination {
    return determineLicense(c, ctx, {
      ruleSet: this.ruleSetFor(ctx.date),
      groups: this.groups,
      embargoes: this.data.embargoes,
      uaeParties: this.data.uaeParties,
    });
  }

  /**
   * The affiliates (50 %) rule on a date, from the rule sets; where its status is uncertain (after the suspension
   * ended Nov 9 2026) `afterSuspension` (AFFILIATES_RULE_AFTER_SUSPENSION) decides. null before the rule existed.
   */
  affiliatesRule(date: string, afterSuspension: AffiliatesAfterSuspension = 'in_force'): AffiliatesRuleStatus | null {
    const rs = this.ruleSetFor(date);
    const a = rs.parameters.affiliatesRule;
    if (!a) return null;
    const uncertain = a.status === 'uncertain';
    const inForce = a.status === 'in_force' || (uncertain && afterSuspension === 'in_force');
    const text = uncertain
      ? `${a.text}; read here as ${inForce ? 'in force' : 'still suspended'} (AFFILIATES_RULE_AFTER_SUSPENSION=${afterSuspension})`
      : a.text;
    return { inForce, uncertain, ownershipPercentMin: a.ownershipPercentMin, lists: a.lists, text, citation: a.citation, rulesVersion: rs.id };
  }

  /** Total TPP and H100-equivalents of classified items with quantities (cloud sizing). */
  aggregateCompute(items: { classification: ItemClassification; quantity: number }[]) {
    return aggregateCompute(items, this.h100Tpp());
  }

  /** The H100 SXM5's TPP from the catalog (15,832), falling back to the documented constant. */
  h100Tpp(): number {
    return this.acceleratorView('nvidia-h100-sxm5-80gb')?.tpp ?? H100_TPP;
  }

  private lettersOn(date: string): InformedLetter[] {
    return this.data.letters.filter((l) => inForce(l, date));
  }
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new Error(`rule data: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Read the rule data from a data directory (no caching). */
export function readRuleData(dataDir: string): RuleData {
  const rules = (f: string) => join(dataDir, 'rules', f);
  const groups = readJson<{ rows: CountryGroupRow[]; treatedAs: TreatedAs[] }>(rules('country-groups.json'));
  return {
    catalog: readJson<{ entries: CatalogEntry[] }>(join(dataDir, 'catalog', 'accelerators.json')).entries,
    ruleSets: readJson<{ ruleSets: RuleSetRow[] }>(rules('rule-sets.json')).ruleSets,
    countryGroups: groups.rows,
    treatedAs: groups.treatedAs ?? [],
    letters: readJson<{ letters: InformedLetter[] }>(rules('letters.json')).letters,
    embargoes: readJson<{ destinations: EmbargoRow[] }>(rules('embargoes.json')).destinations,
    hubs: readJson<{ hubs: TransshipmentHub[] }>(rules('transshipment-hubs.json')).hubs,
    uaeParties: readJson<{ parties: UaeApprovedParty[] }>(rules('uae-approved-parties.json')).parties,
  };
}

const cache = new Map<string, RuleBook>();

/** Load (once per directory) the catalog and rule data under `dataDir`. Throws on bad data. */
export function loadRuleBook(dataDir: string): RuleBook {
  const key = resolve(dataDir);
  let book = cache.get(key);
  if (!book) {
    book = new RuleBook(readRuleData(key));
    cache.set(key, book);
  }
  return book;
}
