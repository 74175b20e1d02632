import { Command } from 'commander';
import { join } from 'path';
import { loadRuleBook, readRuleData, RuleBook } from './index';
import { registerRulesCommands } from './rules.cli';

const dataDir = join(__dirname, '..', '..', 'data');

describe('rule data', () => {
  it('loads once per directory', () => {
    expect(loadRuleBook(dataDir)).toBe(loadRuleBook(dataDir));
  });
  it('refuses a dated change that has no rule set of its own', () => {
    const data = readRuleData(dataDir);
    data.countryGroups = [...data.countryGroups, { group: 'D:5', country: 'XX', from: '2026-03-01', to: null, source: 'test', uncertain: true }];
    expect(() => new RuleBook(data)).toThrow(/2026-03-01 has no rule set/);
  });
  it('refuses a board that holds an unknown accelerator', () => {
    const data = readRuleData(dataDir);
    data.catalog = [...data.catalog, { ...data.catalog.find((e) => e.contains)!, id: 'bad-board', contains: 'nope' }];
    expect(() => new RuleBook(data)).toThrow(/unknown nope/);
  });
  it('every uncertain country-group row says where it comes from', () => {
    for (const r of readRuleData(dataDir).countryGroups) expect(r.source).toBeTruthy();
  });
});

describe('chipguard classify', () => {
  async function run(args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    registerRulesCommands(program);
    let out = '';
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out += String(s);
      return true;
    });
    // the command sets process.exitCode (2 review, 3 deny): it must not become jest's own exit status
    const exitCode = process.exitCode;
    try {
      await program.parseAsync(['node', 'chipguard', ...args]);
    } finally {
      spy.mockRestore();
      process.exitCode = exitCode;
    }
    return out;
  }

  it('prints a readable result', async () => {
    const out = await run(['classify', 'H20', '--to', 'cn', '--date', '2026-08-01']);
    expect(out).toMatch(/NVIDIA H20 96GB/);
    expect(out).toMatch(/ECCN:\s+EAR99\/NOT_3A090/);
    expect(out).toMatch(/TPP:\s+2368/);
    expect(out).toMatch(/Licence required to CN on 2026-08-01: YES/);
    expect(out).toMatch(/REVIEW INFORMED_LETTER_ITEM/);
    expect(out).toMatch(/Rules version: 2026-07-10/);
  });
  it('--json prints the API shape', async () => {
    const res = JSON.parse(await run(['classify', 'H100', '--to', 'CN', '--date', '2025-06-01', '--json']));
    expect(res.items[0]).toMatchObject({ eccn: '3A090.a', tpp: 15832, licenseRequired: true, licenseExceptions: [] });
    expect(res.items[0].reasons[0]).toMatchObject({ code: 'LICENSE_REQUIRED', severity: 'deny' });
    expect(res.rulesVersion).toBe('2025-05-13');
  });
  it('rejects a bad country', async () => {
    await expect(run(['classify', 'H100', '--to', 'XX'])).rejects.toThrow(/not an ISO/);
  });
});

describe('RuleBook.classifyItem (remembered)', () => {
  const book = loadRuleBook(dataDir);

  it('returns the same frozen classification for the same item, position and date', () => {
    const a = book.classifyItem({ model: 'H100', quantity: 4 }, { date: '2026-11-20', index: 0 });
    expect(book.classifyItem({ model: 'H100', quantity: 4 }, { date: '2026-11-20', index: 0 })).toBe(a);
    expect(Object.isFrozen(a.reasons)).toBe(true);
  });

  it("keeps the item's position in its reasons: the same item at another index is classified for that index", () => {
    const first = book.classifyItem({ model: 'H100', quantity: 1 }, { date: '2026-11-20', index: 0 });
    const second = book.classifyItem({ model: 'H100', quantity: 1 }, { date: '2026-11-20', index: 1 });
    expect(first.reasons.map((r) => r.subject)).toContain('items[0]');
    expect(second.reasons.map((r) => r.subject)).toContain('items[1]');
    expect(second.reasons.map((r) => r.subject)).not.toContain('items[0]');
  });

  it('classifies under the rule set of each date: H800 was outside 3A090 before the October 2023 rule, 3A090.a after', () => {
    expect(book.classifyItem({ model: 'H800', quantity: 1 }, { date: '2023-06-01' }).eccn).not.toMatch(/^3A090/);
    expect(book.classifyItem({ model: 'H800', quantity: 1 }, { date: '2024-06-01' }).eccn).toBe('3A090.a');
  });

  it('tells items apart by every field, not only the model', () => {
    const plain = book.classifyItem({ model: 'Custom accelerator X', quantity: 1 }, { date: '2026-11-20' });
    const specified = book.classifyItem({ model: 'Custom accelerator X', quantity: 1, specs: { tpp: 5000, datacenter: true } }, { date: '2026-11-20' });
    expect(specified.eccn).not.toBe(plain.eccn);
  });
});
