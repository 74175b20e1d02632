/**
 * A synthetic population of cloud / model-API accounts with planted account farms of known membership
 * (for tests and `npm run bench:networks`). Deterministic for a seed. Hard negatives on purpose:
 * companies whose employees share a corporate payment card (some onboarded in one day, some in a
 * restricted country), individuals on the big cloud ASNs, coincidental organisation claims. Noise on the
 * farms: members that share nothing with the rest, farms spread over weeks, farms with varied usage, a
 * few farms behind a corporate front (own domain and organisation claim).
 */
import type { AccountInput } from './accounts';

export interface PopulationSpec {
  accounts: number;
  farms: number;
  companies: number;
  seed?: number;
}

export interface PlantedTruth {
  /** accountId -> farm id, for farm members only */
  farmOf: Map<string, number>;
  farmSizes: number[];
  /** accountId -> company id, for company employees (hard negatives) */
  companyOf: Map<string, number>;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Wei',
  'Anna',
  'John',
  'Maria',
  'Li',
  'Ahmed',
  'Olga',
  'Raj',
  'Yuki',
  'Carlos',
  'Fatima',
  'Peter',
  'Mei',
  'Ivan',
  'Sara',
  'Kim',
  'Lucas',
  'Aisha',
  'Tom',
  'Nina',
];
const LAST = [
  'Zhang',
  'Smith',
  'Garcia',
  'Müller',
  'Kumar',
  'Tanaka',
  'Ivanova',
  'Chen',
  'Silva',
  'Khan',
  'Novak',
  'Wang',
  'Brown',
  'Rossi',
  'Park',
  'Nguyen',
  'Cohen',
  'Dubois',
  'Lee',
  'Singh',
];
const FREE = ['gmail.com', 'outlook.com', 'yahoo.com', 'qq.com', 'proton.me', '163.com', 'hotmail.com'];
/** [asn, share]: the big clouds first, then ISPs */
const ASNS: [number, number][] = [
  [16509, 0.2],
  [15169, 0.1],
  [8075, 0.1],
  [14061, 0.05],
  [24940, 0.05],
  [4134, 0.05],
  [7922, 0.1],
  [3320, 0.05],
  [2856, 0.05],
  [4766, 0.05],
  [9808, 0.05],
  [12389, 0.05],
  [701, 0.1],
];
const NORMAL_COUNTRIES = ['US', 'US', 'US', 'GB', 'DE', 'FR', 'IN', 'JP', 'KR', 'SG', 'BR', 'CA', 'AU', 'NL', 'SE', 'ES', 'IT', 'MX', 'PL', 'VN'];
const RESTRICTED_COUNTRIES = ['CN', 'HK', 'RU', 'IR', 'MO', 'BY'];
const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00Z');

export function generatePopulation(spec: PopulationSpec): { accounts: () => Generator<AccountInput>; truth: PlantedTruth } {
  const seed = spec.seed ?? 17;
  const truth: PlantedTruth = { farmOf: new Map(), farmSizes: [], companyOf: new Map() };
  // plan the groups first (sizes), so the truth is known before the accounts are generated
  const plan = rng(seed);
  const logUniform = (lo: number, hi: number) => Math.round(Math.exp(Math.log(lo) + plan() * (Math.log(hi) - Math.log(lo))));
  const farmSizes = Array.from({ length: spec.farms }, () => logUniform(5, 500));
  const companySizes = Array.from({ length: spec.companies }, () => logUniform(2, 300));
  truth.farmSizes = farmSizes;
  const inGroups = farmSizes.reduce((a, b) => a + b, 0) + companySizes.reduce((a, b) => a + b, 0);
  const individuals = Math.max(0, spec.accounts - inGroups);
  // ids are known up front: the truth maps fill before iteration
  let next = 0;
  const farmIds = farmSizes.map((n, f) =>
    Array.from({ length: n }, () => {
      const id = `acc_${(next++).toString(36)}`;
      truth.farmOf.set(id, f);
      return id;
    }),
  );
  const companyIds = companySizes.map((n, c) =>
    Array.from({ length: n }, () => {
      const id = `acc_${(next++).toString(36)}`;
      truth.companyOf.set(id, c);
      return id;
    }),
  );
  const firstIndividual = next;

  function* accounts(): Generator<AccountInput> {
    const r = rng(seed * 7919 + 1);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
    const asn = () => {
      let x = r();
      for (const [a, s] of ASNS) if ((x -= s) <= 0) return a;
      return 701;
    };
    const ip = (a = Math.floor(r() * 223) + 1, b = Math.floor(r() * 256), c = Math.floor(r() * 256)) => `${a}.${b}.${c}.${Math.floor(r() * 254) + 1}`;
    const person = () => `${pick(FIRST)} ${pick(LAST)}`;
    const hex = (n: number) => {
      let s = '';
      while (s.length < n)
        s += Math.floor(r() * 4294967296)
          .toString(16)
          .padStart(8, '0');
      return s.slice(0, n);
    };
    const lognormal = (median: number, sigma: number) => {
      const u = Math.max(1e-12, r());
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
      return Math.round(median * Math.exp(sigma * z));
    };
    const iso = (t: number) => new Date(t).toISOString();

    // planted farms
    for (let f = 0; f < farmIds.length; f++) {
      const n = farmIds[f].length;
      const cards = Array.from({ length: Math.ceil(n / 25) }, () => `fp_${hex(16)}`);
      const devices = Array.from({ length: Math.ceil(n / 15) }, () => `dev_${hex(20)}`);
      const subnets = Array.from({ length: 3 }, () => [Math.floor(r() * 223) + 1, Math.floor(r() * 256), Math.floor(r() * 256)]);
      const farmAsn = pick([16509, 15169, 8075, 14061, 24940]);
      const front = r() < 0.03; // a corporate front: own domain and one organisation claim
      const label = `nova${hex(4)}`;
      const org = front || r() < 0.5 ? `${label[0].toUpperCase()}${label.slice(1)} Labs` : undefined;
      const burst = r() < 0.85;
      const t0 = START + r() * 300 * DAY;
      const uniform = r() < 0.8;
      const base = 3_000_000 + r() * 17_000_000;
      const restricted = r() < 0.4;
      // most farms harvest outputs (nearly every prompt distinct); some replay a fixed prompt set
      const distinctShare = r() < 0.7 ? 0.7 + r() * 0.25 : 0.2 + r() * 0.3;
      for (const id of farmIds[f]) {
        const identifiers: { type: string; value: string }[] = [];
        if (r() < 0.9) identifiers.push({ type: 'payment_fingerprint', value: pick(cards) });
        if (r() < 0.7) identifiers.push({ type: 'device_id', value: pick(devices) });
        const [a, b, c] = pick(subnets);
        identifiers.push({ type: 'ip', value: ip(a, b, c) }, { type: 'asn', value: String(farmAsn) });
        identifiers.push({ type: 'email', value: `${hex(8)}@${front ? `${label}.io` : pick(FREE)}` });
        const created = burst ? t0 + r() * 36 * 3_600_000 : t0 + r() * 30 * DAY;
        const tokensOut = uniform ? Math.round(base * (0.85 + r() * 0.3)) : lognormal(2_000_000, 1.0);
        yield {
          accountId: id,
          createdAt: iso(created),
          name: person(),
          organisation: org,
          country: restricted ? pick(RESTRICTED_COUNTRIES) : pick(NORMAL_COUNTRIES),
          identifiers,
          usage: { requests: Math.round(tokensOut / 800), tokensOut, distinctPrompts: Math.round((tokensOut / 800) * distinctShare * (0.95 + r() * 0.1)) },
        };
      }
    }

    // companies: employees on a corporate card, the company's e-mail domain, varied usage
    for (let c = 0; c < companyIds.length; c++) {
      const word = `${pick(['acme', 'blue', 'delta', 'orbit', 'pixel', 'terra', 'quant', 'helio'])}${hex(3)}`;
      const org = `${word[0].toUpperCase()}${word.slice(1)} Technologies`;
      const domain = `${word}.com`;
      const freeMail = r() < 0.05;
      const cards = [`fp_${hex(16)}`, `fp_${hex(16)}`];
      const companyAsn = r() < 0.5 ? asn() : 64512 + Math.floor(r() * 1000);
      const subnet = [Math.floor(r() * 223) + 1, Math.floor(r() * 256), Math.floor(r() * 256)];
      const onboardingDay = r() < 0.2;
      const t0 = START + r() * 250 * DAY;
      const heavy = r() < 0.1;
      const country = r() < 0.05 ? pick(RESTRICTED_COUNTRIES) : pick(NORMAL_COUNTRIES);
      // an application replays prompt templates; a few teams (evaluation, research) send mostly distinct prompts
      const distinctShare = r() < 0.05 ? 0.8 + r() * 0.15 : 0.1 + r() * 0.5;
      for (const id of companyIds[c]) {
        const identifiers = [
          { type: 'payment_fingerprint', value: r() < 0.8 ? cards[0] : cards[1] },
          { type: 'device_id', value: `dev_${hex(20)}` },
          { type: 'email', value: `${hex(6)}@${freeMail ? pick(FREE) : domain}` },
          { type: 'ip', value: r() < 0.7 ? ip(subnet[0], subnet[1], subnet[2]) : ip() },
          { type: 'asn', value: String(companyAsn) },
        ];
        const created = onboardingDay ? t0 + r() * 10 * 3_600_000 : t0 + r() * 90 * DAY;
        const tokensOut = lognormal(heavy ? 3_000_000 : 150_000, 1.2);
        yield {
          accountId: id,
          createdAt: iso(created),
          name: person(),
          organisation: r() < 0.9 ? org : undefined,
          country,
          identifiers,
          usage: { requests: Math.round(tokensOut / 700), tokensOut, distinctPrompts: Math.round((tokensOut / 700) * distinctShare * (0.8 + r() * 0.4)) },
        };
      }
    }

    // individuals: free mail, the big clouds' ASNs, their own cards and devices, sometimes an organisation claim
    for (let i = 0; i < individuals; i++) {
      const identifiers: { type: string; value: string }[] = [
        { type: 'email', value: `${hex(8)}@${pick(FREE)}` },
        { type: 'ip', value: ip() },
        { type: 'asn', value: String(asn()) },
        { type: 'device_id', value: `dev_${hex(20)}` },
      ];
      if (r() < 0.7) identifiers.push({ type: 'payment_fingerprint', value: `fp_${hex(16)}` });
      const tokensOut = lognormal(200_000, 1.5);
      yield {
        accountId: `acc_${(firstIndividual + i).toString(36)}`,
        createdAt: iso(START + r() * 365 * DAY),
        name: person(),
        organisation: r() < 0.4 ? `Org ${Math.floor(r() * 200_000)}` : undefined,
        country: r() < 0.04 ? pick(RESTRICTED_COUNTRIES) : pick(NORMAL_COUNTRIES),
        identifiers,
        usage: { requests: Math.round(tokensOut / 700), tokensOut },
      };
    }
  }
  return { accounts, truth };
}

/** Precision and recall of the accounts in ACCOUNT_FARM clusters against the planted farms. */
export function farmQuality(clusters: { accountIds: string[]; reasons: { code: string }[] }[], truth: PlantedTruth) {
  const flagged = clusters.filter((c) => c.reasons.some((r) => r.code === 'ACCOUNT_FARM'));
  let truePos = 0;
  let flaggedAccounts = 0;
  const perFarm = new Map<number, number>();
  let companyAccountsFlagged = 0;
  for (const c of flagged) {
    for (const a of c.accountIds) {
      flaggedAccounts++;
      const f = truth.farmOf.get(a);
      if (f !== undefined) {
        truePos++;
        perFarm.set(f, (perFarm.get(f) ?? 0) + 1);
      } else if (truth.companyOf.has(a)) companyAccountsFlagged++;
    }
  }
  const farmAccounts = truth.farmOf.size;
  const farmsFound = truth.farmSizes.filter((n, f) => (perFarm.get(f) ?? 0) >= 0.9 * n).length;
  return {
    precision: flaggedAccounts ? truePos / flaggedAccounts : 1,
    recall: farmAccounts ? truePos / farmAccounts : 1,
    flaggedClusters: flagged.length,
    flaggedAccounts,
    farmAccounts,
    farmsFound,
    farms: truth.farmSizes.length,
    companyAccountsFlagged,
  };
}
