/**
 * Accounts in bulk (API.md `POST /v1/cloud/accounts/screen`): a model-API or cloud provider's accounts,
 * clustered by what they share, each cluster scored with reasons. Plain TypeScript, columnar storage so a
 * million accounts fit in memory; clusters are the connected components of "shares a strong identifier
 * or a tight pattern" (union-find: measured against graphology's connectedComponents in bench:networks).
 *
 * Links: the same payment fingerprint, device id, bank account, e-mail or phone; the same /24 or ASN
 * together with the same organisation claim. Scored per cluster: a burst of sign-ups, shared payment or
 * device, shared network with one organisation claim, restricted-country access, high and uniform usage;
 * a corporate e-mail domain that names the claimed organisation mitigates (employees on a company card).
 */
import type { Reason } from '../common/reason';
import { IDENTIFIER_TYPES, normaliseIdentifier, normaliseName } from './identifiers';
import { KeyTable } from './key-table';

export interface AccountInput {
  accountId: string;
  createdAt: string;
  name?: string;
  organisation?: string;
  country?: string;
  identifiers?: { type: string; value: string }[];
  usage?: { requests?: number; tokensOut?: number; distinctPrompts?: number };
}

export const ACCOUNT_PARAMS = {
  /** a farm has at least this many accounts (planted farms: 5 to 500) */
  farmMinAccounts: 5,
  /** burst: this share of the members signed up within burstHours */
  burstShare: 0.6,
  burstHours: 48,
  /** high usage: median output tokens per account at least this */
  highTokensOut: 2_000_000,
  /** uniform: coefficient of variation of output tokens at most this */
  uniformCv: 0.35,
  /** harvesting: median share of distinct prompts among requests at least this, with at least harvestMinRequests requests per account */
  harvestShare: 0.7,
  harvestMinRequests: 1000,
  /** restricted access: this share of the members in a restricted country */
  restrictedShare: 0.3,
  /** corporate: this share of members on one non-free-mail e-mail domain that names the organisation claim */
  corporateShare: 0.8,
  /** a cluster scoring at least this (0..100) carries ACCOUNT_FARM */
  farmScore: 50,
  /** a key shared by more accounts than this joins nobody (a catch-all value such as "unknown") */
  maxKeyAccounts: 5000,
  /** free mail: this share of the members on free-mail addresses while sharing a payment instrument */
  freeMailShare: 0.8,
  weights: {
    sharedPayment: 0.3,
    burst: 0.25,
    uniformUsage: 0.35,
    restricted: 0.3,
    freeMailSharedPayment: 0.15,
    sharedNetwork: 0.05,
    harvesting: 0.3,
    corporate: 0,
  },
};
export type AccountParams = typeof ACCOUNT_PARAMS;

/** the link types of accounts, with a small code each (part of the key's hash seed) */
const STRONG_ACCOUNT_TYPES = new Map([
  ['payment_fingerprint', 1],
  ['device_id', 2],
  ['bank_account', 3],
  ['email', 4],
  ['phone', 5],
]);
const NETWORK_ACCOUNT_TYPES = new Map([
  ['ip24', 6],
  ['asn', 7],
]);
/** organisation claims that name nobody */
const GENERIC_ORGS = new Set(['', 'none', 'n a', 'na', 'personal', 'individual', 'self', 'self employed', 'freelance', 'student', 'private', 'test', 'other']);

export interface AccountError {
  index: number;
  accountId?: string;
  errors: string[];
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Field errors of one account record ([] when valid). */
export function accountErrors(a: unknown): string[] {
  if (!a || typeof a !== 'object' || Array.isArray(a)) return ['account must be an object'];
  const r = a as Record<string, unknown>;
  const out: string[] = [];
  if (typeof r.accountId !== 'string' || !r.accountId.trim() || r.accountId.length > 128) out.push('accountId must be a string of 1 to 128 characters');
  if (typeof r.createdAt !== 'string' || !ISO_DATETIME.test(r.createdAt) || Number.isNaN(Date.parse(r.createdAt)))
    out.push('createdAt must be an ISO date or date-time');
  for (const k of ['name', 'organisation'] as const) {
    if (r[k] !== undefined && r[k] !== null && (typeof r[k] !== 'string' || (r[k] as string).length > 512))
      out.push(`${k} must be a string of at most 512 characters`);
  }
  if (r.country !== undefined && r.country !== null && r.country !== '' && (typeof r.country !== 'string' || !/^[A-Za-z]{2}$/.test(r.country)))
    out.push('country must be an ISO 3166-1 alpha-2 code');
  if (r.identifiers !== undefined && r.identifiers !== null) {
    if (!Array.isArray(r.identifiers) || r.identifiers.length > 50) out.push('identifiers must be an array of at most 50');
    else {
      r.identifiers.forEach((id, i) => {
        const x = id as { type?: unknown; value?: unknown };
        if (!x || typeof x !== 'object' || !IDENTIFIER_TYPES.includes(x.type as never))
          out.push(`identifiers[${i}].type must be one of ${IDENTIFIER_TYPES.join(', ')}`);
        if (!x || typeof x.value !== 'string' || !x.value || x.value.length > 256) out.push(`identifiers[${i}].value must be a string of 1 to 256 characters`);
      });
    }
  }
  if (r.usage !== undefined && r.usage !== null) {
    if (typeof r.usage !== 'object' || Array.isArray(r.usage)) out.push('usage must be an object');
    else {
      for (const k of ['requests', 'tokensOut', 'distinctPrompts']) {
        const v = (r.usage as Record<string, unknown>)[k];
        if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) out.push(`usage.${k} must be a number >= 0`);
      }
    }
  }
  return out;
}

export interface AccountCluster {
  id: string;
  accountIds: string[];
  shared: { type: string; value: string; accounts: number }[];
  score: number;
  reasons: Reason[];
}

export interface ClusterOptions {
  restricted: (country: string) => boolean;
  /** screens a name; returns the best match (source, entry name, score) or undefined */
  screen?: (name: string, country?: string) => { source: string; entryId: string; name: string; score: number } | undefined;
  params?: Partial<AccountParams>;
  /** clusters of at least this many accounts are returned (default 2) */
  minSize?: number;
}

function mask(type: string, value: string): string {
  return (
    normaliseIdentifier(type === 'ip24' ? 'ip' : type, type === 'ip24' ? value.replace('.0/24', '.1') : value)[type === 'ip24' ? 1 : 0]?.hint ?? value.slice(-4)
  );
}

/**
 * Accumulates accounts one at a time (a stream), then clusters and scores them. Memory per account:
 * its id, a few numbers, interned country / organisation / e-mail domain ids, its name when given.
 */
export class AccountClusterer {
  private readonly ids: string[] = [];
  private readonly names: (string | undefined)[] = [];
  private readonly countries: string[] = [];
  private readonly created: number[] = [];
  private readonly tokensOut: number[] = [];
  private readonly requests: number[] = [];
  private readonly distinct: number[] = [];
  private readonly org: number[] = [];
  private readonly emailDomain: number[] = [];
  private readonly parent: number[] = [];
  private readonly orgNames: string[] = [''];
  private readonly orgIndex = new Map<string, number>([['', 0]]);
  private readonly domains: string[] = [''];
  private readonly domainIndex = new Map<string, number>([['', 0]]);
  /** shared values: (type, value[, organisation]) -> first account holding it and how many do */
  private readonly keys = new KeyTable(1 << 21);
  /** for graphology comparison in the bench: the unions made, as (a, b) pairs */
  edges?: number[];

  get size(): number {
    return this.ids.length;
  }

  private intern(map: Map<string, number>, list: string[], v: string): number {
    let i = map.get(v);
    if (i === undefined) {
      i = list.length;
      list.push(v);
      map.set(v, i);
    }
    return i;
  }

  private find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    this.edges?.push(a, b);
  }

  private key(seed: number, type: string, value: string, i: number, max: number): void {
    const { first, count } = this.keys.add(seed, value, i, type);
    if (first >= 0 && count <= max) this.union(first, i);
  }

  /** Adds one valid account (check accountErrors first). */
  add(a: AccountInput): void {
    const i = this.ids.length;
    this.ids.push(a.accountId);
    this.names.push(a.name || undefined);
    this.countries.push((a.country ?? '').toUpperCase());
    this.created.push(Date.parse(a.createdAt));
    this.tokensOut.push(a.usage?.tokensOut ?? 0);
    this.requests.push(a.usage?.requests ?? 0);
    this.distinct.push(a.usage?.distinctPrompts ?? -1);
    this.parent.push(i);
    const orgKey = a.organisation ? normaliseName(a.organisation) : '';
    const org = GENERIC_ORGS.has(orgKey) ? 0 : this.intern(this.orgIndex, this.orgNames, orgKey);
    this.org.push(org);
    let domain = 0;
    const max = this.params.maxKeyAccounts;
    for (const id of a.identifiers ?? []) {
      for (const v of normaliseIdentifier(id.type, id.value)) {
        if (v.type === 'email_domain') domain = this.intern(this.domainIndex, this.domains, v.value);
        const strong = STRONG_ACCOUNT_TYPES.get(v.type);
        if (strong) this.key(strong, v.type, v.value, i, max);
        else if (org) {
          // the same /24 or ASN counts only together with the same organisation claim
          const net = NETWORK_ACCOUNT_TYPES.get(v.type);
          if (net) this.key(net | (org << 4), v.type, v.value, i, max);
        }
      }
    }
    this.emailDomain.push(domain);
  }

  constructor(readonly params: AccountParams = ACCOUNT_PARAMS) {}

  /** The clusters (connected components of at least minSize accounts), scored, highest score first. */
  clusters(opts: ClusterOptions): AccountCluster[] {
    const p = { ...this.params, ...opts.params };
    const minSize = opts.minSize ?? 2;
    // cluster sizes first (most accounts are alone): member lists only for clusters of minSize or more
    const n = this.ids.length;
    const roots = new Int32Array(n);
    const sizes = new Int32Array(n);
    for (let i = 0; i < n; i++) sizes[(roots[i] = this.find(i))]++;
    const groups = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const r = roots[i];
      if (sizes[r] < minSize) continue;
      let g = groups.get(r);
      if (!g) groups.set(r, (g = []));
      g.push(i);
    }
    // which shared keys each cluster rests on
    const sharedByRoot = new Map<number, { type: string; value: string; accounts: number }[]>();
    for (const { first, count, text: k } of this.keys.sharedKeys()) {
      if (count > p.maxKeyAccounts) continue;
      const root = this.find(first);
      let list = sharedByRoot.get(root);
      if (!list) sharedByRoot.set(root, (list = []));
      if (list.length < 20) {
        const [type, value] = k.split('\u0000');
        list.push({ type, value: mask(type, value), accounts: count });
      }
    }
    const out: AccountCluster[] = [];
    for (const [root, members] of groups) {
      if (members.length < minSize) continue;
      const shared = (sharedByRoot.get(root) ?? []).sort((a, b) => b.accounts - a.accounts);
      const { score, reasons } = this.score(members, shared, p, opts);
      out.push({ id: `cl_${this.ids[root]}`, accountIds: members.map((i) => this.ids[i]), shared, score, reasons });
    }
    return out.sort((a, b) => b.score - a.score || b.accountIds.length - a.accountIds.length);
  }

  private score(members: number[], shared: AccountCluster['shared'], p: AccountParams, opts: ClusterOptions): { score: number; reasons: Reason[] } {
    const n = members.length;
    const w = p.weights;
    const found: { code: string; weight: number; message: string; evidence: Record<string, unknown> }[] = [];
    const paymentOrDevice = shared.filter((s) => s.type === 'payment_fingerprint' || s.type === 'device_id' || s.type === 'bank_account');
    if (paymentOrDevice.length) {
      found.push({
        code: 'shared_payment_or_device',
        weight: w.sharedPayment,
        message: `${n} accounts share ${paymentOrDevice
          .slice(0, 3)
          .map((s) => `${s.type.replace(/_/g, ' ')} ${s.value}`)
          .join(', ')}`,
        evidence: { shared: paymentOrDevice.slice(0, 5) },
      });
    }
    const network = shared.filter((s) => s.type === 'ip24' || s.type === 'asn');
    if (network.length) {
      found.push({
        code: 'shared_network_same_organisation',
        weight: w.sharedNetwork,
        message: `accounts claiming one organisation sign in from ${network
          .slice(0, 2)
          .map((s) => `${s.type === 'ip24' ? '/24' : 'ASN'} ${s.value}`)
          .join(', ')}`,
        evidence: { shared: network.slice(0, 5) },
      });
    }
    // burst: the most members created within burstHours of each other
    const times = members.map((i) => this.created[i]).sort((a, b) => a - b);
    const span = p.burstHours * 3_600_000;
    let best = 0;
    for (let lo = 0, hi = 0; hi < times.length; hi++) {
      while (times[hi] - times[lo] > span) lo++;
      best = Math.max(best, hi - lo + 1);
    }
    if (n >= p.farmMinAccounts && best / n >= p.burstShare) {
      found.push({
        code: 'signup_burst',
        weight: w.burst,
        message: `${best} of ${n} accounts signed up within ${p.burstHours} hours`,
        evidence: { inWindow: best, accounts: n, hours: p.burstHours },
      });
    }
    const tokens = members.map((i) => this.tokensOut[i]).sort((a, b) => a - b);
    const median = tokens[Math.floor(n / 2)];
    const mean = tokens.reduce((a, b) => a + b, 0) / n;
    const cv = mean > 0 ? Math.sqrt(tokens.reduce((a, b) => a + (b - mean) ** 2, 0) / n) / mean : 0;
    if (n >= p.farmMinAccounts && median >= p.highTokensOut && cv <= p.uniformCv) {
      found.push({
        code: 'high_uniform_usage',
        weight: w.uniformUsage,
        message: `high and uniform usage: median ${Math.round(median).toLocaleString('en-US')} output tokens per account, variation ${cv.toFixed(2)}`,
        evidence: { medianTokensOut: median, cv: Math.round(cv * 100) / 100 },
      });
    }
    // output harvesting (distillation): nearly every prompt distinct, in bulk
    const shares = members
      .filter((i) => this.distinct[i] >= 0 && this.requests[i] >= p.harvestMinRequests)
      .map((i) => this.distinct[i] / this.requests[i])
      .sort((a, b) => a - b);
    if (n >= p.farmMinAccounts && shares.length >= n / 2 && shares[Math.floor(shares.length / 2)] >= p.harvestShare) {
      const med = shares[Math.floor(shares.length / 2)];
      found.push({
        code: 'output_harvesting',
        weight: w.harvesting,
        message: `bulk use with nearly every prompt distinct (median ${Math.round(med * 100)} % distinct prompts), the pattern of harvesting a model's outputs`,
        evidence: { medianDistinctShare: Math.round(med * 100) / 100, accountsWithUsage: shares.length },
      });
    }
    const restrictedCountries = new Map<string, number>();
    for (const i of members)
      if (this.countries[i] && opts.restricted(this.countries[i]))
        restrictedCountries.set(this.countries[i], (restrictedCountries.get(this.countries[i]) ?? 0) + 1);
    const restrictedCount = [...restrictedCountries.values()].reduce((a, b) => a + b, 0);
    if (restrictedCount / n >= p.restrictedShare) {
      found.push({
        code: 'restricted_country_access',
        weight: w.restricted,
        message: `${restrictedCount} of ${n} accounts are accessed from restricted countries (${[...restrictedCountries.keys()].join(', ')})`,
        evidence: { countries: Object.fromEntries(restrictedCountries) },
      });
    }
    if (paymentOrDevice.length && n >= p.farmMinAccounts) {
      const freeMail = members.filter((i) => this.emailDomain[i] === 0).length;
      if (freeMail / n >= p.freeMailShare) {
        found.push({
          code: 'free_mail_shared_payment',
          weight: w.freeMailSharedPayment,
          message: `${freeMail} of ${n} accounts on unrelated free-mail addresses pay with the same instrument`,
          evidence: { freeMail, accounts: n },
        });
      }
    }
    // corporate: one organisation claim, one e-mail domain that names it
    const domainCount = new Map<number, number>();
    for (const i of members) if (this.emailDomain[i]) domainCount.set(this.emailDomain[i], (domainCount.get(this.emailDomain[i]) ?? 0) + 1);
    const [topDomain, topCount] = [...domainCount.entries()].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
    if (topDomain && topCount / n >= p.corporateShare) {
      const label = this.domains[topDomain].split('.').slice(0, -1).join(' ').replace(/[-_]/g, ' ');
      const orgs = new Set(members.map((i) => this.org[i]).filter(Boolean));
      const orgName = orgs.size === 1 ? this.orgNames[[...orgs][0]] : '';
      const names = orgName && label.split(' ').some((t) => t.length >= 3 && orgName.replace(/ /g, '').includes(t.replace(/ /g, '')));
      if (names) {
        found.push({
          code: 'corporate_domain',
          weight: w.corporate,
          message: `${topCount} of ${n} accounts use the e-mail domain ${this.domains[topDomain]} of the organisation they claim ('${orgName}')`,
          evidence: { domain: this.domains[topDomain], organisation: orgName },
        });
      }
    }
    // a company explains a shared card, an onboarding day and a shared office network; it does not explain
    // uniform bulk usage or access from restricted countries
    const corporate = found.some((f) => f.code === 'corporate_domain');
    const EXPLAINED = new Set(['shared_payment_or_device', 'signup_burst', 'free_mail_shared_payment']);
    let keep = 1;
    for (const f of found) if (f.weight > 0 && !(corporate && EXPLAINED.has(f.code))) keep *= 1 - f.weight;
    let score = Math.round(100 * Math.max(0, 1 - keep));
    const reasons: Reason[] = [];
    const farm = n >= p.farmMinAccounts && score >= p.farmScore;
    if (farm) {
      reasons.push({
        code: 'ACCOUNT_FARM',
        severity: 'review',
        message: `${n} linked accounts look like one operator's account farm: ${found
          .filter((f) => f.weight > 0)
          .map((f) => f.message)
          .join('; ')}`,
        citation:
          'Executive Order 13984 and BIS proposed rule on IaaS customer identification programs, 89 FR 5698 (Jan 29 2024); BIS Industry Guidance to Prevent Diversion of Advanced Computing Integrated Circuits, May 13 2025 (IaaS access for restricted end users)',
        subject: 'cluster',
        evidence: { accounts: n, score, signals: found.map((f) => ({ signal: f.code, weight: f.weight, ...f.evidence })) },
      });
    } else if (found.length) {
      reasons.push({
        code: 'ACCOUNT_CLUSTER',
        severity: 'info',
        message: `${n} accounts share identifiers: ${found.map((f) => f.message).join('; ')}`,
        citation: 'BIS Industry Guidance to Prevent Diversion of Advanced Computing Integrated Circuits, May 13 2025',
        subject: 'cluster',
        evidence: { accounts: n, score, signals: found.map((f) => ({ signal: f.code, weight: f.weight, ...f.evidence })) },
      });
    }
    if (opts.screen) {
      const seen = new Set<string>();
      const hits: { accountId: string; name: string; source: string; entry: string; score: number }[] = [];
      for (const i of members) {
        for (const name of [this.names[i], this.orgNames[this.org[i]]]) {
          if (!name || seen.has(name)) continue;
          seen.add(name);
          const m = opts.screen(name, this.countries[i] || undefined);
          if (m) hits.push({ accountId: this.ids[i], name, source: m.source, entry: m.name, score: m.score });
        }
      }
      if (hits.length) {
        score = Math.max(score, 90);
        reasons.unshift({
          code: 'LINKED_TO_RESTRICTED',
          severity: 'review',
          message: `${hits.length} name${hits.length > 1 ? 's' : ''} in this cluster match${hits.length > 1 ? '' : 'es'} a restricted-party list (${hits
            .slice(0, 3)
            .map((h) => `'${h.name}' ~ ${h.source} '${h.entry}'`)
            .join('; ')}); every account linked to it is suspect`,
          citation: 'Supp. No. 3 to 15 CFR Part 732 (BIS "Know Your Customer" guidance and red flags); 15 CFR 744.11; 15 CFR 744.6',
          subject: 'cluster',
          evidence: { matches: hits.slice(0, 20) },
        });
      }
    }
    return { score: Math.min(100, score), reasons };
  }
}

/** CSV of the clusters (one line per account), for the CLI's --out. */
export function clustersCsv(clusters: AccountCluster[]): string {
  const cell = (v: string | number) => {
    let s = String(v);
    if (/^[=+\-@]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = ['cluster_id,account_id,cluster_size,score,reason_codes,shared,reasons'];
  for (const c of clusters) {
    const codes = c.reasons.map((r) => r.code).join('|');
    const shared = c.shared.map((s) => `${s.type}:${s.value}`).join('|');
    const reasons = c.reasons.map((r) => r.message).join(' | ');
    for (const a of c.accountIds) lines.push([c.id, a, c.accountIds.length, c.score, codes, shared, reasons].map(cell).join(','));
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
