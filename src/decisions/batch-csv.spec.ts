import { BatchFormatError, parseBatchCsv } from './batch-csv';

const HEADER = 'reference,buyer,buyer_country,ship_to_country,model,quantity';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';

/** row -> [reference, decided?] for a quick look at what a parse would let through */
const decidedRows = (text: string) => {
  const p = parseBatchCsv(text);
  const decided = new Set(p.orders.filter((o) => o.request).flatMap((o) => o.rows));
  return p.rows.map((r) => [r.row, r.reference, decided.has(r.row)]);
};

describe('batch-csv: lines that cannot be read never leave a partial order', () => {
  it('a stray quote inside a cell makes its whole order an error, naming the line', () => {
    const text = csv('PO-1,Acme AB,SE,SE,H100,8', 'PO-1,Acme "Nordic" AB,SE,SE,L4,1', 'PO-2,Beta AB,SE,SE,L4,2');
    const p = parseBatchCsv(text);
    expect(decidedRows(text)).toEqual([
      [2, 'PO-1', false],
      [3, 'PO-1', false],
      [4, 'PO-2', true],
    ]);
    expect(p.rows.find((r) => r.row === 3)!.error).toMatch(/^line 3 cannot be read: .*quote/i);
    expect(p.rows.find((r) => r.row === 2)!.error).toMatch(/order PO-1 not decided: line 3 .* cannot be read/);
    expect(p.orders.find((o) => o.reference === 'PO-1')!.request).toBeUndefined();
    expect(p.warnings).toEqual([expect.stringMatching(/^line 3 cannot be read/)]);
  });

  it('a bad closing quote on the first line of an order also stops the lines after it', () => {
    const text = csv('PO-1,"Acme" AB,SE,SE,H100,8', 'PO-1,Acme AB,SE,SE,L4,1', 'PO-2,Beta AB,SE,SE,L4,2');
    expect(decidedRows(text)).toEqual([
      [2, 'PO-1', false],
      [3, 'PO-1', false],
      [4, 'PO-2', true],
    ]);
  });

  it('an unclosed quote breaks only its own line: the later orders are still read and decided', () => {
    const text = csv(
      'PO-1,Acme AB,SE,SE,H100,8',
      'PO-1,"Acme AB,SE,SE,L4,1',
      'PO-2,Beta AB,SE,SE,L4,2',
      'PO-3,Gamma AB,SE,SE,L4,3',
      'PO-1,Acme AB,SE,SE,L40S,1',
    );
    const p = parseBatchCsv(text);
    expect(decidedRows(text)).toEqual([
      [2, 'PO-1', false],
      [3, 'PO-1', false],
      [4, 'PO-2', true],
      [5, 'PO-3', true],
      [6, 'PO-1', false],
    ]);
    expect(p.rows.find((r) => r.row === 3)!.error).toMatch(/^line 3 cannot be read: .*quote/i);
    expect(p.orders.find((o) => o.reference === 'PO-2')!.request).toMatchObject({ reference: 'PO-2', items: [{ model: 'L4', quantity: 2 }] });
  });

  it('a quoted cell running over two lines is refused for every order it touches (one order line per line)', () => {
    const text = csv('PO-1,"Acme AB', 'PO-2,Beta AB",SE,SE,L4,2', 'PO-3,Gamma AB,SE,SE,L4,3');
    const p = parseBatchCsv(text);
    expect(decidedRows(text)).toEqual([
      [2, 'PO-1', false],
      [3, 'PO-2', false],
      [4, 'PO-3', true],
    ]);
    expect(p.warnings).toHaveLength(2);
  });

  it('the reference of a broken line is found even when the quote sits in the reference cell', () => {
    const text = csv('"PO-1,Acme AB,SE,SE,H100,8', 'PO-1,Acme AB,SE,SE,L4,1', 'PO-2,Beta AB,SE,SE,L4,2');
    expect(decidedRows(text)).toEqual([
      [2, 'PO-1', false],
      [3, 'PO-1', false],
      [4, 'PO-2', true],
    ]);
  });

  it('well-quoted cells (commas, doubled quotes) still read as before', () => {
    const text = csv('PO-1,"Acme, ""Nordic"" AB",SE,SE,"H100",8', 'PO-1,"Acme, ""Nordic"" AB",SE,SE,L4,"1,000"');
    const p = parseBatchCsv(text);
    expect(p.warnings).toEqual([]);
    expect(p.orders[0].request).toMatchObject({ buyer: { name: 'Acme, "Nordic" AB' }, items: [{ quantity: 8 }, { quantity: 1000 }] });
  });

  it('a header that cannot be read refuses the file, naming line 1', () => {
    expect(() => parseBatchCsv('reference,"buyer,model,quantity\nPO-1,A,L4,1\n')).toThrow(/line 1/);
    expect(() => parseBatchCsv('reference,"buyer,model,quantity\nPO-1,A,L4,1\n')).toThrow(BatchFormatError);
  });
});
