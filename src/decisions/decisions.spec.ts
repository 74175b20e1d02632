import { chainHash, decisionHashFields, dispositionHashFields, GENESIS_HASH } from '../database/hash-chain';
import { ListEntry } from '../lists/list-entry';
import { BatchFormatError, parseBatchCsv } from './batch-csv';
import { arraySource, ChainDecision, ChainDisposition, verifyChain } from './chain-verify';
import { decodeCursor, encodeCursor, filterSql, parseFilter, parseListQuery } from './queue';
import { csvCell, csvDocument } from './report-csv';
import { diffEntries, entryFingerprint, entryKey } from './rescreen';

describe('report-csv', () => {
  it('quotes, doubles quotes and guards formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell('=a,"b"')).toBe(`"'=a,""b"""`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvDocument(['a', 'b'], [[1, 'x']])).toBe('\ufeffa,b\r\n1,x\r\n');
  });
});

describe('batch-csv', () => {
  it('groups rows by reference, maps documented columns and names bad rows', () => {
    const csv = [
      '\ufeffReference,Buyer,Buyer Country,End User,End-User Country,Ship-To Country,Model,Quantity,Intermediary,Intermediary Country',
      'PO-1,Acme AB,SE,Acme AB,SE,SE,H100,8,Fast Freight,DE',
      'PO-1,Acme AB,,Acme AB,SE,SE,L4,"1,000",Fast Freight,DE',
      'PO-2,Bad Co,Narnia,,,SE,L4,2,,',
      ',Solo Ltd,GB,,,GB,L4,1,,',
      'PO-3,Other,SE,,,SE,L4,1,,',
      'PO-3,Different,SE,,,SE,L4,1,,',
    ].join('\n');
    const p = parseBatchCsv(csv);
    expect(p.rows.map((r) => [r.row, r.reference, r.error ?? null])).toEqual([
      [2, 'PO-1', null],
      [3, 'PO-1', null],
      [4, 'PO-2', expect.stringMatching(/buyer_country "Narnia"/)],
      [5, null, null],
      [6, 'PO-3', 'order PO-3 not decided: row 7 of the same reference has errors'],
      [7, 'PO-3', expect.stringMatching(/buyer "Different" differs from "Other" on row 6/)],
    ]);
    const po1 = p.orders.find((o) => o.reference === 'PO-1')!;
    expect(po1.request).toEqual({
      reference: 'PO-1',
      buyer: { name: 'Acme AB', country: 'SE' },
      endUser: { name: 'Acme AB', country: 'SE' },
      shipTo: { name: 'Acme AB', country: 'SE' },
      intermediaries: [{ name: 'Fast Freight', country: 'DE' }],
      items: [
        { model: 'H100', quantity: 8 },
        { model: 'L4', quantity: 1000 },
      ],
    });
    expect(p.orders.find((o) => o.reference === 'PO-3')!.request).toBeUndefined();
    expect(p.orders.filter((o) => o.request)).toHaveLength(2);
  });

  it('refuses a file without the required columns', () => {
    expect(() => parseBatchCsv('reference,model\nA,L4\n')).toThrow(BatchFormatError);
    expect(() => parseBatchCsv('')).toThrow(BatchFormatError);
  });
});

describe('queue', () => {
  it('parses filters and cursors, and names bad values', () => {
    const { query, errors } = parseListQuery({
      decision: 'review',
      status: 'disposed',
      from: '2026-01-01',
      source: 'el',
      limit: '10',
      cursor: encodeCursor(42),
    });
    expect(errors).toEqual([]);
    expect(query).toEqual({
      filter: { decision: ['review'], status: ['released', 'blocked'], from: '2026-01-01', source: 'EL' },
      limit: 10,
      order: 'newest',
      cursorSeq: 42,
    });
    expect(decodeCursor('nope')).toBeUndefined();
    expect(parseFilter({ decision: 'maybe', bogus: '1', from: '2026-02-30' }).errors).toHaveLength(3);
    const sql = filterSql({ party: '50%_off', reasonCode: 'PARTY_LIST_MATCH' });
    expect(sql.params).toEqual({ fParty: '%50\\%\\_off%', fReason: '%|PARTY\\_LIST\\_MATCH|%' });
  });
});

describe('rescreen diff', () => {
  const entry = (id: string, name: string, address = 'Main St 1'): ListEntry =>
    ({
      source: 'EL',
      entryId: id,
      type: 'entity',
      name,
      aliases: [],
      addresses: [{ text: address, country: 'CN' }],
      countries: ['CN'],
      identifiers: [],
      programs: [],
    }) as ListEntry;
  it('finds new and changed entries by source+entryId and content', () => {
    const old = [entry('1', 'Alpha'), entry('2', 'Beta')];
    const prev = new Map(old.map((e) => [entryKey(e), entryFingerprint(e)]));
    const d = diffEntries([entry('1', 'Alpha'), entry('2', 'Beta', 'New Rd 2'), entry('3', 'Gamma')], prev);
    expect(d.map((x) => [x.entry.entryId, x.change])).toEqual([
      ['2', 'changed'],
      ['3', 'new'],
    ]);
    expect(diffEntries([entry('1', 'Alpha')], null).map((x) => x.change)).toEqual(['new']);
  });
});

describe('chain-verify', () => {
  function chain(): { decisions: ChainDecision[]; dispositions: ChainDisposition[] } {
    let prev = GENESIS_HASH;
    const decisions: ChainDecision[] = [];
    const dispositions: ChainDisposition[] = [];
    for (let seq = 1; seq <= 5; seq++) {
      if (seq === 4) {
        const p: ChainDisposition = {
          seq,
          id: 1,
          decisionId: 'd2',
          action: 'release',
          note: null,
          by: 'x',
          createdAt: 't',
          suppressions: null,
          prevHash: prev,
          hash: '',
        };
        p.hash = chainHash(prev, 'disposition', dispositionHashFields(p));
        prev = p.hash;
        dispositions.push(p);
        continue;
      }
      const d: ChainDecision = {
        seq,
        id: `d${seq}`,
        kind: 'transaction',
        reference: null,
        decision: seq === 2 ? 'review' : 'allow',
        status: seq === 2 ? 'released' : 'closed',
        orderDate: '2026-01-01',
        createdAt: 't',
        rulesVersion: 'r',
        listVersions: '{}',
        request: '{}',
        response: '{}',
        prevHash: prev,
        hash: '',
      };
      d.hash = chainHash(prev, 'decision', decisionHashFields(d));
      prev = d.hash;
      decisions.push(d);
    }
    return { decisions, dispositions };
  }

  it('passes an intact chain and reports the head', async () => {
    const { decisions, dispositions } = chain();
    const r = await verifyChain(arraySource(decisions, dispositions), { pageSize: 2 });
    expect(r).toMatchObject({ ok: true, records: 5, decisions: 4, dispositions: 1, firstBroken: null, head: { seq: 5 } });
  });

  it('names the first edited, deleted or relinked record', async () => {
    let c = chain();
    c.decisions[1].request = '{"x":1}';
    expect((await verifyChain(arraySource(c.decisions, c.dispositions))).firstBroken).toMatchObject({
      seq: 2,
      id: 'd2',
      problem: expect.stringMatching(/content altered/),
    });
    c = chain();
    c.decisions.splice(2, 1);
    expect((await verifyChain(arraySource(c.decisions, c.dispositions))).firstBroken).toMatchObject({
      seq: 4,
      problem: expect.stringMatching(/seq 3 are missing/),
    });
    c = chain();
    c.dispositions[0].note = 'edited';
    expect((await verifyChain(arraySource(c.decisions, c.dispositions))).firstBroken).toMatchObject({ seq: 4, kind: 'disposition' });
    c = chain();
    c.decisions[1].status = 'open';
    const r = await verifyChain(arraySource(c.decisions, c.dispositions));
    expect(r.firstBroken).toBeNull();
    expect(r.ok).toBe(false);
    expect(r.statusMismatches).toEqual([{ id: 'd2', seq: 2, status: 'open', expected: 'released' }]);
  });
});
