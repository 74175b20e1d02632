/**
 * Response schemas of the HTTP API for the OpenAPI document (/docs, /docs-json): each controller method
 * declares its 200 body with `@ApiOkResponse({ schema: … })` from here. Fields may be added, never renamed.
 */
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const str = (description?: string, extra: SchemaObject = {}): SchemaObject => ({ type: 'string', ...(description ? { description } : {}), ...extra });
const num = (description?: string): SchemaObject => ({ type: 'number', ...(description ? { description } : {}) });
const int = (description?: string): SchemaObject => ({ type: 'integer', ...(description ? { description } : {}) });
const bool = (description?: string): SchemaObject => ({ type: 'boolean', ...(description ? { description } : {}) });
const nullable = (s: SchemaObject): SchemaObject => ({ ...s, nullable: true });
const arr = (items: SchemaObject, description?: string): SchemaObject => ({ type: 'array', items, ...(description ? { description } : {}) });
const map = (values: SchemaObject, description: string): SchemaObject => ({ type: 'object', additionalProperties: values, description });
const obj = (properties: Record<string, SchemaObject>, required: string[] = Object.keys(properties), description?: string): SchemaObject => ({
  type: 'object',
  properties,
  required,
  ...(description ? { description } : {}),
});

const OUTCOME = str('allow | review | deny', { enum: ['allow', 'review', 'deny'] });
const LIST_VERSIONS = map(str('YYYY-MM-DD'), 'list code -> date of the version used (publish date, else import date)');
const LIST_VERSION_IDS = map(int(), 'list code -> stored version id (for replay)');

export const REASON = obj(
  {
    code: str('stable UPPER_SNAKE code'),
    severity: str('deny | review | info', { enum: ['deny', 'review', 'info'] }),
    message: str('one plain sentence'),
    citation: str('the public law or guidance (CFR section, Federal Register notice, BIS / FinCEN guidance)'),
    subject: str('buyer | endUser | shipTo | billTo | intermediaries[0] | items[1] | payment | order | customer …'),
    evidence: { type: 'object', additionalProperties: true, description: 'the facts behind the reason' },
  },
  undefined,
  'one coded, explained and cited reason',
);

export const SCREENING_MATCH = obj(
  {
    source: str('list code (EL, SDN, …)'),
    entryId: str(),
    name: str('the listed name'),
    matchedName: str('the name or alias that matched'),
    matchedOn: str('name | alias | address'),
    score: num('0..1'),
    type: str(),
    countries: arr(str()),
    programs: arr(str()),
    addresses: arr(str()),
    licenseRequirement: nullable(str()),
    explanation: str('why this entry matched, token by token'),
  },
  ['source', 'entryId', 'name', 'matchedName', 'matchedOn', 'score', 'explanation'],
);

const SCREENING_STATUS = str('clear | potential | match', { enum: ['clear', 'potential', 'match'] });

export const PARTY_SCREEN_RESPONSE = obj(
  { status: SCREENING_STATUS, matches: arr(SCREENING_MATCH), sampleOnly: bool('only the bundled sample lists are loaded'), listVersions: LIST_VERSIONS },
  ['status', 'matches'],
);

export const PARTY_BATCH_RESPONSE = obj({
  results: arr(obj({ status: SCREENING_STATUS, matches: arr(SCREENING_MATCH), sampleOnly: bool() }, ['status', 'matches']), 'one result per party, in order'),
  listVersions: LIST_VERSIONS,
});

const ITEM_RESULT = obj(
  {
    index: int(),
    model: str('as given'),
    resolvedModel: nullable(str('catalog model')),
    eccn: str('3A090.a, 4A090.a, 3A090.z, EAR99/NOT_3A090, UNKNOWN …'),
    tpp: nullable(num('total processing performance')),
    performanceDensity: nullable(num()),
    datacenter: nullable(bool()),
    basis: str('how the classification was reached'),
    acceleratorCount: int(),
    controlled: bool(),
    licenseRequired: bool(),
    licenseExceptions: arr(str()),
  },
  ['index', 'model', 'eccn', 'licenseRequired', 'licenseExceptions'],
);

const PARTY_RESULT = obj({ subject: str(), name: str(), status: SCREENING_STATUS, matches: arr(SCREENING_MATCH) });

const DECISION_PROPERTIES: Record<string, SchemaObject> = {
  id: str('dec_<ULID>'),
  kind: str('transaction | cloud'),
  reference: nullable(str("the client's reference")),
  decision: OUTCOME,
  reasons: arr(REASON, 'most severe first'),
  items: arr(ITEM_RESULT),
  parties: arr(PARTY_RESULT),
  riskScore: int('0..100'),
  rulesVersion: str(),
  listVersions: LIST_VERSIONS,
  listVersionIds: LIST_VERSION_IDS,
  createdAt: str('ISO time the decision was stored'),
};

export const DECISION_RESPONSE = obj(DECISION_PROPERTIES, undefined, 'a decision, stored (hash-chained) before it is returned');

export const CLOUD_DECISION_RESPONSE = obj(
  {
    ...DECISION_PROPERTIES,
    compute: obj(
      {
        totalTpp: num(),
        h100Equivalents: num(),
        h100Tpp: num(),
        acceleratorCount: int(),
        peakOpsPerSecond: num(),
        windowOps: num(),
        windowDays: num(),
        trainingComputeFlop: nullable(num()),
        trainingFlopThreshold: num(),
        unknownTpp: arr(str()),
        accelerators: arr(
          obj(
            {
              index: int(),
              model: str(),
              resolvedModel: nullable(str()),
              quantity: int(),
              acceleratorsPerUnit: int(),
              acceleratorCount: int(),
              tpp: nullable(num()),
              totalTpp: nullable(num()),
              eccn: str(),
            },
            ['index', 'model', 'quantity'],
          ),
        ),
      },
      ['totalTpp', 'h100Equivalents', 'acceleratorCount', 'accelerators'],
    ),
  },
  undefined,
  'a cloud customer decision, stored before it is returned',
);

const DISPOSITION = obj({ action: str('release | block'), note: nullable(str()), by: str(), createdAt: str() }, ['action', 'by', 'createdAt']);

export const STORED_DECISION_RESPONSE = obj(
  {
    ...DECISION_PROPERTIES,
    status: str('open | released | blocked | closed'),
    request: { type: 'object', additionalProperties: true, description: 'the request as received' },
    dispositions: arr(DISPOSITION),
    seq: int('position in the hash chain'),
    hash: str(),
    prevHash: str(),
  },
  undefined,
  'a stored decision with its request, dispositions and chain hashes',
);

export const DISPOSITION_RESPONSE = obj(
  {
    ...STORED_DECISION_RESPONSE.properties,
    disposition: obj(
      {
        id: int(),
        seq: int(),
        action: str('release | block'),
        note: nullable(str()),
        by: str(),
        createdAt: str(),
        suppressions: nullable(arr({ type: 'object', additionalProperties: true })),
        prevHash: str(),
        hash: str(),
      },
      ['id', 'seq', 'action', 'by', 'createdAt', 'hash'],
    ),
  },
  undefined,
  'the decision after the disposition, and the disposition appended',
);

export const DECISION_PAGE_RESPONSE = obj(
  {
    items: arr(
      obj(
        {
          id: str(),
          seq: int(),
          kind: str(),
          reference: nullable(str()),
          decision: OUTCOME,
          status: str(),
          orderDate: nullable(str()),
          createdAt: str(),
          riskScore: int(),
          reasonCodes: arr(str()),
          matchedSources: arr(str()),
          parties: arr({ type: 'object', additionalProperties: true }),
          reasons: arr(REASON),
          lastDisposition: nullable(DISPOSITION),
        },
        ['id', 'seq', 'decision', 'status', 'createdAt'],
      ),
      'newest first',
    ),
    limit: int(),
    nextCursor: nullable(str('pass as cursor for the next page; null on the last')),
  },
  ['items', 'limit'],
);

export const RESCREEN_REPORT_RESPONSE = obj(
  {
    id: int(),
    status: str(),
    trigger: str('manual | list-update'),
    startedAt: str(),
    finishedAt: nullable(str()),
    durationMs: nullable(num()),
    window: obj({ from: nullable(str()), to: nullable(str()) }),
    includePossible: bool(),
    matchThreshold: num(),
    versions: map(obj({ versionId: int(), date: str() }), 'list code -> the version re-screened against'),
    deltas: arr({ type: 'object', additionalProperties: true }, 'list changes since the versions the decisions used'),
    scanned: int(),
    upToDate: int(),
    changed: int('decisions whose outcome would now be stricter'),
    decisions: arr({ type: 'object', additionalProperties: true }, 'the decisions that would now be stricter, with the new matches'),
  },
  ['id', 'status', 'trigger', 'scanned', 'changed', 'decisions'],
);

export const BATCH_RESPONSE = obj(
  {
    results: arr(
      {
        type: 'object',
        additionalProperties: true,
        description: 'CSV: {row, reference, id, decision, reasons, matches} or {row, reference, error}; JSON: the same per index, with errors',
      },
      'one result or error per line (CSV) or per transaction (JSON)',
    ),
    summary: obj({ rows: int(), orders: int(), allow: int(), review: int(), deny: int(), errors: int() }),
    warnings: arr(str()),
  },
  ['results', 'summary'],
);

export const LIST_IMPORT_RESPONSE = obj(
  {
    status: str('imported | unchanged', { enum: ['imported', 'unchanged'] }),
    message: str(),
    importId: str(),
    format: str(),
    fileName: str(),
    sha256: str(),
    publishDate: nullable(str()),
    entryCount: int(),
    codes: arr(obj({ code: str(), entryCount: int(), versionId: int() })),
    warnings: arr(str()),
  },
  ['status', 'message', 'importId', 'format', 'codes'],
);

export const LISTS_RESPONSE = obj({
  sampleOnly: bool(),
  lists: arr(
    obj(
      {
        code: str(),
        name: str(),
        format: str(),
        fileName: str(),
        publishDate: nullable(str()),
        entryCount: int(),
        loadedAt: str(),
        sha256: str(),
        versionId: int(),
        sample: bool(),
      },
      ['code', 'format', 'fileName', 'entryCount', 'versionId', 'sample'],
    ),
    'the active version per list code',
  ),
});

export const HEALTH_RESPONSE = obj(
  {
    status: str('ok | degraded (only the sample is loaded, or the last list refresh failed) | unavailable'),
    lists: map(int(), 'list code -> entries of its active version'),
    sampleOnly: bool(),
    stale: arr(str(), 'list codes older than LIST_MAX_AGE_DAYS'),
    db: str('ok | error'),
    refresh: {
      type: 'object',
      additionalProperties: true,
      description: 'the scheduled list refresh: lastRunAt, lastSuccessAt, lastError, lastErrorAt, failures, nextAt (or off)',
    },
    message: str(),
  },
  ['status', 'lists', 'db'],
  'the same body with 503 while no list is loaded',
);

export const ACCELERATOR = {
  type: 'object',
  additionalProperties: true,
  properties: {
    id: str(),
    model: str(),
    vendor: str(),
    family: str(),
    kind: str(),
    acceleratorsPerUnit: int(),
    aliases: arr(str()),
    tpp: nullable(num()),
    performanceDensity: nullable(num()),
    eccn: str(),
    basis: str(),
    datacenter: nullable(bool()),
    sources: map(str(), 'figure -> its public source'),
  },
  required: ['id', 'model', 'vendor', 'eccn'],
  description: 'a catalog entry with its figures, sources and classification',
} satisfies SchemaObject;

export const ACCELERATORS_RESPONSE = obj({ items: arr(ACCELERATOR), count: int(), rulesVersion: str() });

export const EXPORT_RESPONSE: Record<string, { schema: SchemaObject }> = {
  'application/json': {
    schema: obj({ count: int(), decisions: arr({ type: 'object', additionalProperties: true }, 'stored decisions with dispositions and chain hashes') }, [
      'decisions',
    ]),
  },
  'text/csv': { schema: str('one row per decision: reasons, versions, dispositions, hashes') },
};

// v1.1: sessions, allow-list, chain verification, overview, rule thresholds, red flags, networks, accounts

export const SESSION_RESPONSE = obj(
  {
    name: str('the key name'),
    role: str('screener | reviewer | list_admin | auditor | admin'),
    local: bool('local mode (no key exists)'),
    expiresAt: str('ISO time'),
  },
  ['name', 'role', 'local'],
);
export const SIGNED_OUT_RESPONSE = obj({ signedOut: bool() });

export const ALLOWLIST_ENTRY = obj(
  {
    id: int(),
    partyKey: str('normalised party name and country'),
    source: str('list code'),
    entryId: str(),
    by: str('who recorded it'),
    note: nullable(str('why')),
    decisionId: nullable(str()),
    createdAt: str(),
    expiresAt: nullable(str()),
    revokedAt: nullable(str()),
    revokedBy: nullable(str()),
    revokeReason: nullable(str()),
  },
  ['id', 'partyKey', 'source', 'entryId', 'by', 'createdAt'],
  'a reviewed false positive: this party is not this list entry',
);
export const ALLOWLIST_RESPONSE = obj({ items: arr(ALLOWLIST_ENTRY) });

export const CHAIN_REPORT_RESPONSE = obj(
  {
    ok: bool(),
    records: int(),
    decisions: int(),
    dispositions: int(),
    events: int(),
    firstBroken: nullable({ type: 'object' }),
    storedHead: nullable({ type: 'object' }),
  },
  ['ok', 'records'],
  'the hash chain check of decisions, dispositions, allow-list entries, list imports and key changes',
);

export const STATS_RESPONSE = obj(
  {
    from: str(),
    to: str(),
    totals: { type: 'object' },
    perDay: arr({ type: 'object' }, 'per day: counts by outcome'),
    topReasons: arr({ type: 'object' }, 'reason codes by count'),
    queue: { type: 'object' },
  },
  [],
  'overview: decisions per day by outcome, the top reason codes, the queue per status',
);

export const THRESHOLDS_RESPONSE = obj(
  {
    rulesVersion: str(),
    effectiveFrom: str(),
    effectiveTo: nullable(str()),
    branches: arr({ type: 'object' }, '3A090 TPP / performance-density branches'),
    note2NonDatacenterTppMin: nullable(num()),
    citation: str(),
  },
  ['rulesVersion', 'branches'],
);

export const RED_FLAGS_RESPONSE = obj({
  redFlags: arr(obj({ code: str(), severity: str(), weight: num(), scope: str(), detectors: arr(str()) })),
});

export const NETWORK_RESPONSE = obj(
  {
    id: str(),
    members: arr(obj({ kind: str('party | account'), name: str(), decisionIds: arr(str()), listed: bool() }, ['kind', 'name', 'decisionIds', 'listed'])),
    links: arr(obj({ a: str(), b: str(), via: obj({ type: str(), value: str('masked: values are stored only as keyed hashes') }) }, ['a', 'b', 'via'])),
    score: num(),
    reasons: arr(REASON),
  },
  ['id', 'members', 'links', 'score', 'reasons'],
);

export const ACCOUNTS_RESPONSE = obj(
  {
    clusters: arr(
      obj({ id: str(), accountIds: arr(str()), shared: arr(obj({ type: str(), value: str() })), score: num(), reasons: arr(REASON) }, [
        'id',
        'accountIds',
        'shared',
        'score',
        'reasons',
      ]),
    ),
    errors: arr({ type: 'object' }, 'records that could not be read, with their index'),
    summary: { type: 'object' },
  },
  ['clusters', 'summary'],
);
