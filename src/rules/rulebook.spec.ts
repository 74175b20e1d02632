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
