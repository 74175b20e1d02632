import { bodyProblems, contentTypeProblem } from './body-safety';

describe('body safety', () => {
  it('refuses deep nesting without recursing (1,700 nested arrays)', () => {
    const deep = JSON.parse('['.repeat(1700) + ']'.repeat(1700));
    expect(bodyProblems(deep)).toEqual([
      '[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nested deeper than 32 levels',
    ]);
    expect(bodyProblems({ a: { b: [{ c: 1 }] } })).toEqual([]);
  });

  it('refuses prototype-named keys anywhere, as unknown fields', () => {
    expect(bodyProblems(JSON.parse('{"buyer":{"name":"x","__proto__":{"admin":true}}}'))).toEqual(['property buyer.__proto__ should not exist']);
    for (const k of ['toString', 'valueOf', 'hasOwnProperty', 'constructor']) {
      expect(bodyProblems({ attributes: { [k]: 1 } })).toEqual([`property attributes.${k} should not exist`]);
    }
    expect(bodyProblems({ items: [{ model: 'H100', valueOf: 3 }] })).toEqual(['property items[0].valueOf should not exist']);
  });

  it('accepts JSON and multipart for state changes, CSV only on the batch route; not text/plain or urlencoded', () => {
    expect(contentTypeProblem('POST', 'application/json; charset=utf-8', true, '/v1/parties/screen')).toBeNull();
    expect(contentTypeProblem('POST', 'multipart/form-data; boundary=x', true, '/v1/lists/import')).toBeNull();
    expect(contentTypeProblem('POST', 'text/csv', true, '/v1/transactions/batch')).toBeNull();
    expect(contentTypeProblem('POST', 'text/csv', true, '/v1/parties/screen')).toMatch(/not accepted/);
    expect(contentTypeProblem('POST', 'text/plain', true, '/v1/decisions/x/disposition')).toMatch(/not accepted/);
    expect(contentTypeProblem('POST', 'application/x-www-form-urlencoded', true, '/v1/decisions/x/disposition')).toMatch(/not accepted/);
    expect(contentTypeProblem('POST', undefined, false, '/v1/decisions/rescreen')).toBeNull();
    expect(contentTypeProblem('GET', 'text/plain', true, '/v1/lists')).toBeNull();
  });
});
