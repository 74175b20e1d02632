import { readSharedList } from '../lists/list-files.testing';
import { ListEntry } from '../lists/list-entry';
import { parseListFile } from '../lists/parse';
import { restoreIndex, snapshotIndex } from './index-snapshot';
import { ScreeningIndex } from './screening-index';
import type { PartyQuery } from './types';

/** A restored snapshot must answer exactly as the index it was made from (real Entity List, MEU, DPL and UN files). */
describe('screening index snapshot', () => {
  const entries: ListEntry[] = [
    ...parseListFile('csl-csv', { data: readSharedList('us-csl-entity-list-2026-07.csv') }).entries,
    ...parseListFile('csl-csv', { data: readSharedList('us-csl-meu-2026-07.csv') }).entries,
    ...parseListFile('bis-dpl-txt', { data: readSharedList('us-bis-dpl.txt') }).entries,
    ...parseListFile('un-xml', { data: readSharedList('un-consolidated.xml') }).entries,
  ];
  const built = ScreeningIndex.build(entries);
  const bytes = snapshotIndex(built);

  function queries(): PartyQuery[] {
    const out: PartyQuery[] = [
      { name: 'Shanghai Biren Intelligent Tech Co Ltd', country: 'CN' },
      { name: 'Huawei Technologies', country: 'CN' },
      { name: 'Nordic Compute AB', country: 'SE' },
      { name: 'Room 1201, Building 3, Zhongguancun Software Park, Haidian District, Beijing', country: 'CN' },
    ];
    // names, misspelt names and aliases from across the lists, some with a country or a type
    for (let i = 0; i < entries.length; i += 97) {
      const e = entries[i];
      out.push({ name: e.name, country: i % 2 ? e.countries[0] : undefined });
      out.push({ name: e.name.replace(/[aeiou](?=[a-z])/i, ''), type: e.type === 'individual' ? 'individual' : undefined });
      if (e.aliases[0]) out.push({ name: e.aliases[0].name, address: e.addresses[0]?.text });
    }
    return out;
  }

  it('answers every query exactly as the built index, also with sources and limits', () => {
    const restored = restoreIndex(bytes);
    const qs = queries();
    expect(qs.length).toBeGreaterThan(100);
    let matched = 0;
    for (const q of qs) {
      const want = built.screen(q);
      if (want.matches.length) matched++;
      expect([q, restored.screen(q)]).toEqual([q, want]);
    }
    expect(matched).toBeGreaterThan(qs.length / 2);
    const opts = { sources: ['EL' as const], limit: 3, reviewThreshold: 0.7 };
    expect(restored.screen({ name: 'Biren Technology' }, opts)).toEqual(built.screen({ name: 'Biren Technology' }, opts));
    expect(restored.size).toBe(entries.length);
    expect(restored.entryAt(5)).toEqual(entries[5]);
  });

  it('refuses bytes that are truncated or that no longer answer as the built index did', () => {
    expect(() => restoreIndex(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated/);
    // an index made from other entries but carrying this snapshot's probe answers: refused
    const other = snapshotIndex(ScreeningIndex.build(entries.slice(1)));
    const headLen = (b: Buffer) => b.readUInt32LE(0);
    const header = (b: Buffer) => JSON.parse(b.subarray(4, 4 + headLen(b)).toString('utf8'));
    const forged = { ...header(other), probes: header(bytes).probes };
    const head = Buffer.from(JSON.stringify(forged));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(head.length);
    expect(() => restoreIndex(Buffer.concat([len, head, other.subarray(4 + headLen(other))]))).toThrow(/does not answer as the built index did/);
  });
});
