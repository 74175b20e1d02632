/**
 * Shapes of the risk (diversion / smuggling red-flag) module. Plain TypeScript:
 * no Nest, no TypeORM. The decision core builds a RiskContext, calls
 * evaluateRedFlags(), and merges the returned reasons with the legal ones.
 */
import type { Order } from '../common/order';
import type { Severity } from '../common/reason';
import type { Check } from '../decision/check';
import type { RiskParams } from './params';

export type { Severity };

/** One classified line of the order, as the rules module resolved it. */
export interface RiskItem {
  /** index into order.items */
  index: number;
  eccn: string;
  /** 3A090 / 4A090 / .z (or unknown, failing closed): the red flags that need a controlled item read this */
  controlled: boolean;
  /** quantity x accelerators per unit (0 for items that are not accelerators) */
  acceleratorCount: number;
  tpp?: number;
  kind?: string;
  resolvedModel?: string;
  unitValueUsd?: number;
}

/** Country facts, implemented by the rules module (dated data). */
export interface CountryFacts {
  /** D:1 / D:4 / D:5 minus A:5 / A:6, plus Macau (China and Hong Kong included) */
  isRestrictedForAdvancedComputing(country: string, date: string): boolean;
  /** E:1 / E:2 and comprehensive-embargo destinations */
  isEmbargoed(country: string, date: string): boolean;
  /** SG, MY, HK, MO, AE, TH, VN, TW … */
  isTransshipmentHub(country: string): boolean;
  countryGroups(country: string, date: string): string[];
}

/**
 * Keys that tie orders of different buyers together (structuring). Each key is a tagged,
 * normalised string: `n:<name key>` (buyer, bill-to, payer), `a:<CC>:<address>`
 * (buyer, bill-to, ship-to unless a data centre / colocation site),
 * `i:<type>:<value>` (party identifiers: LEI, registration no., phone, e-mail domain …).
 * Two orders are related when they share any key. A store can keep `|k1|k2|…|` in a text
 * column and match with LIKE, or keep a key table.
 */
export interface RelatedKeys {
  buyerKey: string;
  keys: string[];
}

export interface BuyerSummary {
  orderCount: number;
  acceleratorTotal: number;
  firstSeen?: string;
}

export interface RelatedOrder {
  buyerKey: string;
  acceleratorCount: number;
  /** ISO datetime */
  createdAt: string;
}

/**
 * Prior stored decisions, implemented by the decision store. Synchronous on purpose: detectors are
 * pure. A store that can only answer asynchronously (TypeORM) prefetches with snapshotHistory().
 */
export interface OrderHistory {
  /** prior stored decisions for this buyer (buyerKey()), created strictly before `before` (ISO datetime) */
  buyerSummary(buyerKey: string, before: string): BuyerSummary;
  /** orders since `sinceIso` from this buyer or any buyer sharing one of keys.keys */
  recentRelatedOrders(keys: RelatedKeys, sinceIso: string): RelatedOrder[];
}

/** The same queries, answered asynchronously (a database). */
export interface AsyncOrderHistory {
  buyerSummary(buyerKey: string, before: string): Promise<BuyerSummary>;
  recentRelatedOrders(keys: RelatedKeys, sinceIso: string): Promise<RelatedOrder[]>;
}

export interface RiskContext {
  /** validated, countries upper-case */
  order: Order;
  items: RiskItem[];
  countries: CountryFacts;
  history: OrderHistory;
  /** the decision time; history is read strictly before it (a re-screen passes the original createdAt) */
  now: Date;
  /** overrides of RISK_PARAMS (tuning, tests) */
  params?: Partial<RiskParams>;
}

/** What a detector reports: one hit per subject. */
export interface RedFlagHit {
  /** buyer | endUser | shipTo | billTo | intermediaries[0] | items[1] | payment | order */
  subject: string;
  message: string;
  /** the values read, and the thresholds compared against */
  evidence: Record<string, unknown>;
  /** overrides the flag's default severity for this hit */
  severity?: Severity;
  /** overrides the flag's default weight for this hit */
  weight?: number;
}

/** The order facts every detector needs, computed once. */
export interface DerivedFacts {
  params: RiskParams;
  anyControlled: boolean;
  /** sum of acceleratorCount over controlled items */
  controlledAccelerators: number;
  /** sum of quantity x unit value over controlled items (USD); undefined when no value is known */
  controlledValueUsd?: number;
  /** end-user country, else ship-to country */
  destinationCountry?: string;
  /** the order date (YYYY-MM-DD) for country-group questions */
  date: string;
  restricted(country: string | undefined): boolean;
}

/**
 * A red flag: the shared check shape (src/decision/check.ts: id from red-flags.md section (b), name, default
 * severity and weight, citation, dates, fields read) with a detect() over the order and its derived facts.
 */
export interface RedFlag extends Check<[RiskContext, DerivedFacts], RedFlagHit | RedFlagHit[] | undefined> {
  /** 'controlled': runs only when the order holds a controlled item; 'any': always */
  scope: 'controlled' | 'any';
}

/** A hit with its flag's metadata resolved; what riskScore() and the reasons are made of. */
export interface EvaluatedHit {
  id: string;
  name: string;
  severity: Severity;
  weight: number;
  subject: string;
  message: string;
  evidence: Record<string, unknown>;
  source: string;
  reads: string[];
  /** set when a combination rule raised the severity */
  escalatedBy?: string;
}
