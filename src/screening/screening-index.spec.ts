import { readFileSync } from 'fs';
import * as path from 'path';
import { ListEntry } from '../lists/list-entry';
import { partyKey, ScreeningIndex, screeningDataDir } from './index';
import { perturbDiacritics, perturbTransliteration, perturbTypo, rng } from './perturb.testing';
import { loadAllSharedLists } from './shared-lists.testing';

describe('ScreeningIndex on the real shared lists', () => {
  let idx: ScreeningIndex;
  let entries: ListEntry[];
  const byName = (n: string) => entries.find((e) => e.name === n)!;

  beforeAll(() => {
    entries = loadAllSharedLists().flatMap((f) => f.entries);
    idx = ScreeningIndex.build(entries);
  }, 60_000);

  const top = (r: ReturnType<ScreeningIndex['screen']>) => r.matches[0];

  it('builds over every shared list', () => {
    expect(idx.size).toBeGreaterThan(30_000);
    // build time and latency are measured by npm run bench:screen, not asserted here
    expect(idx.buildMs).toBeGreaterThan(0);
  });

  it('exact name: Inspur Electronic Information Industry is a match with the API match shape', () => {
    const r = idx.screen({ name: 'Inspur Electronic Information Industry Co., Ltd.', type: 'entity', country: 'CN' });
    expect(r.status).toBe('match');
    const m = top(r);
    expect(m).toMatchObject({ source: 'EL', name: 'Inspur Electronic Information Industry Co., Ltd.', matchedOn: 'name', type: 'entity' });
    expect(m.score).toBe(1);
    expect(m.countries).toContain('CN');
    expect(typeof m.licenseRequirement).toBe('string');
    expect(m.addresses.length).toBeGreaterThan(0);
    expect(m.explanation).toMatch(/inspur=inspur/);
  });

  it('suffix variants', () => {
    for (const q of ['Inspur Group Company Limited', 'INSPUR GROUP CO LTD', 'Inspur Group', 'Inspur Group LLC']) {
      const r = idx.screen({ name: q, country: 'CN' });
      expect(top(r).name).toMatch(/^inspur group co\., ltd\.$/i);
      expect(r.status).toBe('match');
    }
  });

  it('abbreviations (the API example)', () => {
    const r = idx.screen({ name: 'Inspur Electronic Info Industry Co Ltd', type: 'entity', country: 'CN' });
    expect(top(r).name).toBe('Inspur Electronic Information Industry Co., Ltd.');
    expect(top(r).explanation).toMatch(/info≈information/);
    expect(r.status).toBe('match');
  });

  it('word order: LAST, First vs First Last', () => {
    const e = entries.find((x) => x.source === 'SDN' && x.type === 'individual' && /^[A-Z]+, [A-Z][a-z]+ [A-Z][a-z]+$/.test(x.name))!;
    const [last, first] = e.name.split(', ');
    const r = idx.screen({ name: `${first} ${last}`, type: 'individual' });
    expect(r.matches.some((m) => m.entryId === e.entryId && m.score >= 0.9)).toBe(true);
  });

  it('one typo', () => {
    const r = idx.screen({ name: 'Inspru Electronic Information Industry Co., Ltd.', country: 'CN' });
    expect(top(r).name).toBe('Inspur Electronic Information Industry Co., Ltd.');
    expect(r.status).not.toBe('clear');
    expect(top(r).explanation).toMatch(/inspru≈inspur \(typo\)/);
    const biren = byName('Shanghai Biren Information Technology Co., Ltd.');
    const typo = perturbTypo(biren.name, rng(3))!;
    expect(idx.screen({ name: typo, country: 'CN' }).matches.some((m) => m.entryId === biren.entryId)).toBe(true);
  });

  it('diacritics and transliteration', () => {
    const biren = byName('Beijing Biren Technology Development Co., Ltd.');
    const r = idx.screen({ name: perturbDiacritics(biren.name, rng(1))!, country: 'CN' });
    expect(top(r).entryId).toBe(biren.entryId);
    expect(r.status).toBe('match');
    // Cyrillic spelling of a listed person
    const r2 = idx.screen({ name: 'сафари, мохаммад джавад', type: 'individual' });
    expect(r2.matches.some((m) => /SAFARI, Mohammad Javad/i.test(m.name))).toBe(true);
    expect(perturbTransliteration('KHALIL', rng(2))).toBeDefined();
  });

  it('parenthetical place names', () => {
    const r = idx.screen({ name: 'Inspur Electronic Information Co., Ltd. (Hong Kong)', country: 'HK' });
    expect(top(r).name).toBe('Inspur Electronic Information (Hong Kong) Co., Ltd.');
    expect(r.status).toBe('match');
    const r2 = idx.screen({ name: 'Inspur Software Co., Ltd. (Beijing)', country: 'CN' });
    expect(top(r2).name).toBe('Inspur Software Co., Ltd.');
    expect(r2.status).toBe('match');
  });

  it('alias instead of the primary name', () => {
    const r = idx.screen({ name: 'IEIT Systems Co. Ltd.', country: 'CN' });
    expect(top(r)).toMatchObject({ name: 'Inspur Electronic Information Industry Co., Ltd.', matchedOn: 'alias', matchedName: 'IEIT Systems Co. Ltd.' });
    const r2 = idx.screen({ name: 'Hik Vision' });
    expect(top(r2).matchedName.toLowerCase()).toBe('hikvision');
  });

  it('Hong Kong address-only entries are found by address, with matchedOn address', () => {
    const addr = entries.filter((e) => e.source === 'EL' && e.type === 'address');
    expect(addr.length).toBeGreaterThanOrEqual(18);
    const r = idx.screen({
      name: 'Brightwave Components Ltd',
      country: 'HK',
      address: 'UNIT D 16TH FLOOR, ONE CAPITAL PLACE, 18 LUARD ROAD, WANCHAI, HK',
    });
    expect(r.status).toBe('match');
    expect(top(r)).toMatchObject({ source: 'EL', type: 'address', matchedOn: 'address' });
    expect(top(r).matchedName).toMatch(/One Capital Place/);
    // the address typed into the name field
    const r2 = idx.screen({ name: 'Room 803, Chevalier House 45-51, Chatham Road South, Tsim Sha Tsui, Hong Kong', country: 'HK' });
    expect(top(r2).matchedOn).toBe('address');
    // same building, another floor and unit: not a match
    const r3 = idx.screen({ name: 'Brightwave Components Ltd', country: 'HK', address: 'Unit 2, 3/F, One Capital Place, 18 Luard Road, Wan Chai' });
    expect(r3.status).not.toBe('match');
  });

  it('hard negatives stay clear', () => {
    const neg = JSON.parse(readFileSync(path.join(screeningDataDir(), 'negatives.json'), 'utf8')).parties as { name: string; country: string }[];
    for (const name of [
      'Shenzhen Kaifa Technology Co., Ltd.',
      'Nanjing University',
      'Beijing Institute of Fashion Technology',
      'Hong Kong Applied Science and Technology Research Institute Company Limited',
      'United Microelectronics Corporation',
      'Lenovo Group Limited',
      'National Tsing Hua University',
      'TCL Technology Group Corporation',
    ]) {
      const p = neg.find((n) => n.name === name)!;
      expect(p).toBeDefined();
      expect(idx.screen({ name, country: p.country, type: 'entity' }).status).toBe('clear');
    }
  });

  it('country and type agreement', () => {
    const base = idx.screen({ name: 'Inspur Group' }).matches[0].score;
    const wrongCountry = idx.screen({ name: 'Inspur Group', country: 'DE' });
    expect(wrongCountry.matches[0].score).toBeLessThan(base);
    expect(wrongCountry.status).toBe('match'); // an exact name abroad is still a match (fronts)
    const person = idx.screen({ name: 'Inspur Group', type: 'individual' });
    expect(person.matches[0].score).toBeLessThan(base);
    expect(person.matches[0].explanation).toMatch(/type differs/);
  });

  it('thresholds are configurable per call; lower scores are not returned', () => {
    const q = { name: 'Biren Technology Development', country: 'CN' };
    const d = idx.screen(q);
    const s = d.matches[0].score;
    expect(idx.screen(q, { matchThreshold: s + 0.001, reviewThreshold: s - 0.1 }).status).toBe('potential');
    expect(idx.screen(q, { reviewThreshold: 0.99, matchThreshold: 0.995 }).matches.every((m) => m.score >= 0.99)).toBe(true);
    expect(idx.screen({ name: 'Inspur' }, { limit: 2 }).matches.length).toBeLessThanOrEqual(2);
    expect(idx.screen({ name: 'Inspur', country: 'CN' }, { sources: ['MEU'] }).matches.every((m) => m.source === 'MEU')).toBe(true);
  });

  it('allow-list hook suppresses an entry for this party only', () => {
    const q = { name: 'Inspur Group Co Ltd', country: 'CN' };
    const first = idx.screen(q);
    const hidden = first.matches[0];
    const allow = new Map<string, Set<string>>([[partyKey('INSPUR GROUP COMPANY LIMITED', 'CN'), new Set([`${hidden.source}|${hidden.entryId}`])]]);
    const hook = (name: string, country?: string) => (e: { source: string; entryId: string }) =>
      allow.get(partyKey(name, country))?.has(`${e.source}|${e.entryId}`) ?? false;
    const r = idx.screen(q, { suppressed: hook(q.name, q.country) });
    expect(r.matches.find((m) => m.source === hidden.source && m.entryId === hidden.entryId)).toBeUndefined();
    expect(r.suppressed).toEqual(expect.arrayContaining([{ source: hidden.source, entryId: hidden.entryId, name: hidden.name }]));
    // another party still sees the entry
    const other = idx.screen({ name: 'Inspur Group', country: 'HK' }, { suppressed: hook('Inspur Group', 'HK') });
    expect(other.matches.some((m) => m.entryId === hidden.entryId)).toBe(true);
  });

  it('answers the same query the same way every time (no state carried between screenings)', () => {
    const first = idx.screen({ name: 'Shenzhen Kaifa Technology Co., Ltd.', country: 'CN' });
    for (let i = 0; i < 50; i++) expect(idx.screen({ name: 'Shenzhen Kaifa Technology Co., Ltd.', country: 'CN' })).toEqual(first);
  });
});
