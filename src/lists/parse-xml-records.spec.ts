/**
 * The XML list parsers read record by record (src/lists/parsers/xml.ts): same entries as the former
 * whole-document parser, from a buffer or a stream split anywhere, and truncated / malformed files rejected
 * with the line and the record.
 */
import { createHash } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ListFormat, ParsedList } from './list-entry';
import { parseListFile, parseListFileAsync, parseListStream } from './parse';
import { expectParseError, expectParseErrorAsync } from './parse-assertions.testing';
import { readSharedList, sharedListsDir } from './list-files.testing';

// the real shared list files are required: CI places ../shared beside the project
const d = describe;

/** A stream of the buffer cut into pieces of the given sizes (cycled): splits tags, entities and UTF-8 sequences. */
async function* pieces(data: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  let i = 0;
  for (let o = 0; o < data.length; i++) {
    const n = sizes[i % sizes.length];
    yield data.subarray(o, o + n);
    o += n;
  }
}

const fingerprint = (r: ParsedList): string => createHash('sha256').update(JSON.stringify(r)).digest('hex').slice(0, 16);

/**
 * Real files: [format, file, list option, entries, fingerprint]. The fingerprints are sha256 (first 16 hex) of
 * JSON.stringify(result) from the former parser (one fast-xml-parser tree of the whole file), taken before the
 * switch to record-wise parsing: the record-wise parser must give exactly the same result. If a mapping is
 * changed on purpose, update the fingerprint (and check the diff of the entries first). Updated for the new
 * `nationalities` field (ofac-sdn-xml, un-xml): without it the former fingerprints are unchanged.
 */
const REAL: [ListFormat, string, 'sdn' | undefined, number, string][] = [
  ['ofac-sdn-xml', 'ofac-consolidated.xml', undefined, 443, 'e799110829ac68be'],
  ['ofac-sdn-xml', 'ofac-consolidated.xml', 'sdn', 443, 'aca0a09b1657b5f7'],
  ['ofac-enhanced-xml', 'ofac-consolidated-enhanced.xml', undefined, 443, '3c8d86319d861e6d'],
  ['ofac-enhanced-xml', 'ofac-consolidated-enhanced.xml', 'sdn', 443, '2b74c9f2f680db8d'],
  ['ofac-advanced-xml', 'ofac-consolidated-advanced.xml', undefined, 375, 'fe2c7620e3ba3a35'],
  ['ofac-advanced-xml', 'ofac-consolidated-advanced.xml', 'sdn', 375, '811bd0178aae48df'],
  ['un-xml', 'un-consolidated.xml', undefined, 1003, '24b0e33db8e9045d'],
  ['eu-xml', 'eu-fsf-excerpt.xml', undefined, 4, 'b6baf2da8ab4ad65'],
  ['uk-xml', 'uk-sanctions-list-excerpt.xml', undefined, 4, '9e1d81b5863cc9c8'],
];

d('record-wise XML parsing of the real files', () => {
  const cache = new Map<string, ParsedList>();
  const parsed = (format: ListFormat, file: string, list?: 'sdn'): ParsedList => {
    const k = `${format}:${file}:${list ?? ''}`;
    if (!cache.has(k)) cache.set(k, parseListFile(format, { data: readSharedList(file), fileName: file, list }));
    return cache.get(k)!;
  };

  it.each(REAL)('%s %s (list %s): %d entries, exactly the former result', (format, file, list, count, print) => {
    const r = parsed(format, file, list);
    expect(r.entries).toHaveLength(count);
    expect(fingerprint(r)).toBe(print);
  });

  it.each(REAL.filter((r) => !r[2]))('%s %s: the same from a file stream and from a stream cut at odd places', async (format, file) => {
    const whole = parsed(format, file);
    const fromFile = await parseListFileAsync(format, { path: path.join(sharedListsDir(), file) });
    expect(fromFile).toEqual(whole);
    expect(fingerprint(fromFile)).toBe(fingerprint(whole));
    const odd = await parseListStream(format, pieces(readSharedList(file), [1, 7, 4093, 2, 65537, 13, 3]), { fileName: file });
    expect(fingerprint(odd)).toBe(fingerprint(whole));
  });

  it('README counts and known records', () => {
    const sdn = parsed('ofac-sdn-xml', 'ofac-consolidated.xml');
    expect(sdn.publishDate).toBe('2024-05-06');
    expect(sdn.entries.filter((e) => e.type === 'entity')).toHaveLength(364);
    expect(sdn.entries.filter((e) => e.type === 'individual')).toHaveLength(79);
    expect(sdn.entries[0]).toEqual({
      source: 'PLC',
      entryId: '9639',
      type: 'individual',
      name: 'HANIYA, Ismail Abdul Salah',
      aliases: [
        { name: 'HANIYA, Ismail', kind: 'aka' },
        { name: 'HANIYYA, Ismaeel', kind: 'aka' },
      ],
      addresses: [],
      countries: [],
      identifiers: [],
      programs: ['NS-PLC'],
      datesOfBirth: ['1962'],
      placesOfBirth: ['Shati'],
    });
    expect(Object.keys(sdn.entries[0])[0]).toBe('source');
    const last = sdn.entries[442];
    expect([last.entryId, last.name, last.source]).toEqual(['46072', 'MYANMA OIL AND GAS ENTERPRISE', 'MBS']);

    const enh = parsed('ofac-enhanced-xml', 'ofac-consolidated-enhanced.xml');
    expect(enh.publishDate).toBe('2025-01-10');
    expect(enh.entries[0]).toMatchObject({ entryId: '9639', name: 'HANIYA, Ismail Abdul Salah', source: 'PLC', startDate: '2006-04-12' });

    const adv = parsed('ofac-advanced-xml', 'ofac-consolidated-advanced.xml');
    expect(adv.publishDate).toBe('2020-03-17');
    expect(adv.entries[374]).toMatchObject({
      entryId: '28603',
      name: 'TNK Trading International S.A.',
      source: 'SSI',
      countries: ['CH'],
      addresses: [{ text: 'place du Lac 2, Geneve, 1204', country: 'CH', city: 'Geneve' }],
    });

    const un = parsed('un-xml', 'un-consolidated.xml');
    expect(un.entries.filter((e) => e.type === 'individual')).toHaveLength(730);
    expect(un.entries.filter((e) => e.type === 'entity')).toHaveLength(273);
    expect([un.entries[729].entryId, un.entries[730].entryId]).toEqual(['YEi.012', 'CDe.001']);

    expect(parsed('eu-xml', 'eu-fsf-excerpt.xml').entries.map((e) => `${e.entryId} ${e.type}`)).toEqual([
      '13 individual',
      '191 individual',
      '980 entity',
      '330 entity',
    ]);
    expect(parsed('uk-xml', 'uk-sanctions-list-excerpt.xml').entries.map((e) => `${e.entryId} ${e.type}`)).toEqual([
      'AFG0011 individual',
      'AQD0128 individual',
      'AQD0377 entity',
      'DPR0075 vessel',
    ]);
  });
});

d('record-wise XML parsing: truncated and malformed files', () => {
  const ROOTS: [ListFormat, string, string, string][] = [
    ['ofac-sdn-xml', 'ofac-consolidated.xml', 'sdnEntry', 'sdnList'],
    ['ofac-enhanced-xml', 'ofac-consolidated-enhanced.xml', 'entity', 'sanctionsData'],
    ['ofac-advanced-xml', 'ofac-consolidated-advanced.xml', 'DistinctParty', 'Sanctions'],
    ['un-xml', 'un-consolidated.xml', 'INDIVIDUAL', 'CONSOLIDATED_LIST'],
    ['eu-xml', 'eu-fsf-excerpt.xml', 'sanctionEntity', 'export'],
    ['uk-xml', 'uk-sanctions-list-excerpt.xml', 'Designation', 'Designations'],
  ];

  it.each(ROOTS)('%s: cut in the middle of a record names the record; buffer and stream', async (format, file, tag) => {
    const s = readSharedList(file).toString('utf8');
    // inside the 3rd record (or the 2nd of a 4-record excerpt), between two lines
    const start = new RegExp(`<${tag}[\\s>]`, 'g');
    let pos = 0;
    for (let i = 0; i < 3; i++) pos = start.exec(s)!.index;
    const cutAt = s.indexOf('\n', s.indexOf('\n', pos) + 1) + 5;
    const data = Buffer.from(s.slice(0, cutAt));
    const re = new RegExp(`malformed XML: the file ends inside <${tag}> #\\d+ \\(opened at line \\d+\\); truncated file.*at line \\d+`);
    expectParseError(() => parseListFile(format, { data, fileName: file }), re);
    await expectParseErrorAsync(parseListStream(format, pieces(data, [1000]), { fileName: file }), re);
  });

  it.each(ROOTS)('%s: cut after the last record (closing root tag missing) is rejected', async (format, file, tag, root) => {
    const s = readSharedList(file).toString('utf8');
    const end = s.lastIndexOf(`</${root}>`);
    expect(end).toBeGreaterThan(0);
    const data = Buffer.from(s.slice(0, end));
    const re = new RegExp(`the file ends after <\\w+> #\\d+ without closing <${root}>.*truncated file`);
    expectParseError(() => parseListFile(format, { data, fileName: file }), re);
    await expectParseErrorAsync(parseListStream(format, pieces(data, [4096]), { fileName: file }), re);
    // and a cut just after the last record of the file's record list
    const lastRec = s.lastIndexOf(`</${tag}>`) + tag.length + 3;
    expectParseError(() => parseListFile(format, { data: Buffer.from(s.slice(0, lastRec)), fileName: file }), /without closing .*truncated file/);
  });

  it('a cut inside a tag, a comment or CDATA; text after the root; a second root', () => {
    const s = readSharedList('ofac-consolidated.xml').toString('utf8');
    const inTag = s.indexOf('<sdnEntry>', 5000) + 4;
    expectParseError(
      () => parseListFile('ofac-sdn-xml', { data: Buffer.from(s.slice(0, inTag)) }),
      /the file ends inside a tag, comment or CDATA section.*at line \d+, column \d+, after <sdnEntry> #\d+/,
    );
    expectParseError(() => parseListFile('ofac-sdn-xml', { data: Buffer.from(s + 'garbage') }), /text after the root element/);
    expectParseError(() => parseListFile('ofac-sdn-xml', { data: Buffer.from(s + '<sdnList/>') }), /a second root element/);
    expectParseError(
      () => parseListFile('ofac-sdn-xml', { data: Buffer.from(s.replace('<Publish_Date>', '<!-- x <Publish_Date>').replace(/<\/sdnList>\s*$/, '')) }),
      /ends inside a tag, comment or CDATA/,
    );
  });

  it('malformed XML inside a record: line and column in the file, and the record', () => {
    const s = readSharedList('ofac-consolidated.xml').toString('utf8');
    const lines = s.split('\n');
    // break a closing tag inside the 2nd record (line 48 of the file is inside it)
    const n = lines.findIndex((l, i) => i > 46 && l.includes('</lastName>'));
    lines[n] = lines[n].replace('</lastName>', '</lastNam>');
    expectParseError(
      () => parseListFile('ofac-sdn-xml', { data: Buffer.from(lines.join('\n')) }),
      new RegExp(`closing tag </lastNam> does not match <lastName>.*at line ${n + 1}, column \\d+, in <sdnEntry> #2`),
    );
    // an attribute without a value: found by fast-xml-parser's validator, reported at the file's line
    const l2 = s.split('\n');
    const m = l2.findIndex((l, i) => i > 46 && l.includes('<uid>'));
    l2[m] = l2[m].replace('<uid>', '<uid broken>');
    expectParseError(
      () => parseListFile('ofac-sdn-xml', { data: Buffer.from(l2.join('\n')) }),
      new RegExp(`malformed XML: .*at line ${m + 1}, column \\d+, in <sdnEntry> #2`),
    );
  });

  it('wrong root is rejected at the root tag, also from a stream', async () => {
    const un = readSharedList('un-consolidated.xml');
    // only the first 10 KB: the rest of the file is not needed to know
    await expectParseErrorAsync(
      parseListStream('ofac-sdn-xml', pieces(un.subarray(0, 10000), [512])),
      /wrong root element <CONSOLIDATED_LIST>, expected <sdnList> \(at <CONSOLIDATED_LIST>\)/,
    );
    expectParseError(() => parseListFile('eu-xml', { data: Buffer.from('   \r\n ') }), /empty file/);
    await expectParseErrorAsync(parseListStream('eu-xml', pieces(Buffer.from('  '), [1])), /empty file/);
    expectParseError(() => parseListFile('eu-xml', { data: Buffer.from('hello <export/>') }), /malformed XML: text before the root element/);
  });

  it('Advanced XML: sections out of the schema order are refused', () => {
    const s = readSharedList('ofac-consolidated-advanced.xml').toString('utf8');
    const locs = s.slice(s.indexOf('<Locations>'), s.indexOf('</Locations>') + '</Locations>'.length);
    const moved = s.replace(locs, '').replace('</DistinctParties>', `</DistinctParties>${locs}`);
    expectParseError(() => parseListFile('ofac-advanced-xml', { data: Buffer.from(moved) }), /<Locations> after <DistinctParties>.*out of order/);
  });
});

describe('record-wise XML parsing: XML syntax the splitter must get right', () => {
  // CDATA and comments holding record tags, prefixes, attributes with '>' and '/>' in quoted values,
  // self-closing elements, escaped record tags in text, an element named like the record deeper down
  const doc = `\uFEFF<?xml version="1.0" encoding="utf-8"?>
<!-- <sdnEntry><uid>666</uid></sdnEntry> a commented-out record -->
<o:sdnList xmlns:o="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML" o:note='a > b'>
  <o:publshInformation><o:Publish_Date>05/06/2024</o:Publish_Date><o:Record_Count>3</o:Record_Count>
    <o:sdnEntry><o:uid>999</o:uid></o:sdnEntry>
  </o:publshInformation>
  <o:sdnEntry kind="x > y" other='/>'>
    <o:uid>1</o:uid><o:lastName><![CDATA[ACME </o:sdnEntry> <o:sdnEntry> TRADING]]></o:lastName>
    <o:sdnType>Entity</o:sdnType>
    <o:remarks>see &lt;sdnEntry&gt; and </o:remarks>
    <o:programList><o:program>IRAN</o:program><o:program/></o:programList>
    <!-- </o:sdnEntry> -->
  </o:sdnEntry>
  <?pi <o:sdnEntry> ?>
  <o:sdnEntry><o:uid>2</o:uid><o:firstName>José</o:firstName><o:lastName>ÑÚÑEZ 北京</o:lastName><o:sdnType>Individual</o:sdnType><o:vesselInfo/></o:sdnEntry>
  <o:sdnEntry><o:uid>3</o:uid><o:lastName>X &amp; Y &lt;Z&gt;</o:lastName><o:sdnType>Entity</o:sdnType></o:sdnEntry>
</o:sdnList>
`;

  const check = (r: ParsedList): void => {
    expect(r.publishDate).toBe('2024-05-06');
    expect(r.entries.map((e) => [e.entryId, e.name, e.type])).toEqual([
      ['1', 'ACME </o:sdnEntry> <o:sdnEntry> TRADING', 'entity'],
      ['2', 'ÑÚÑEZ 北京, José', 'individual'],
      ['3', 'X & Y <Z>', 'entity'],
    ]);
    expect(r.entries[0].remarks).toBe('see <sdnEntry> and');
    expect(r.entries[0].programs).toEqual(['IRAN']);
    expect(r.entries.every((e) => e.source === 'SDN')).toBe(true);
  };

  it('from a buffer', () => check(parseListFile('ofac-sdn-xml', { data: Buffer.from(doc), fileName: 'sdn.xml' })));

  it('from a stream of 1-byte and 3-byte pieces (split inside tags, CDATA, comments and UTF-8 characters)', async () => {
    check(await parseListStream('ofac-sdn-xml', pieces(Buffer.from(doc), [1]), { fileName: 'sdn.xml' }));
    check(await parseListStream('ofac-sdn-xml', pieces(Buffer.from(doc), [3, 1, 2]), { fileName: 'sdn.xml' }));
  });

  it('from a file on disk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chipguard-xml-'));
    try {
      writeFileSync(path.join(dir, 'sdn.xml'), doc);
      check(await parseListFileAsync('ofac-sdn-xml', { path: path.join(dir, 'sdn.xml') }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Record_Count is still checked; a record-less file is refused', () => {
    expectParseError(
      () => parseListFile('ofac-sdn-xml', { data: Buffer.from(doc.replace('<o:Record_Count>3', '<o:Record_Count>4')), fileName: 'sdn.xml' }),
      /Record_Count says 4 but the file has 3 <sdnEntry>/,
    );
    expectParseError(
      () => parseListFile('ofac-sdn-xml', { data: Buffer.from('<sdnList><!-- <sdnEntry><uid>1</uid></sdnEntry> --></sdnList>') }),
      /no <sdnEntry> records/,
    );
  });

  it('non-XML formats through parseListStream: collected and parsed as parseListFile does; ofac-csv refused', async () => {
    const csv = '"_id","source","name"\n';
    await expectParseErrorAsync(parseListStream('csl-csv', pieces(Buffer.from(csv), [5])), /.+/);
    await expectParseErrorAsync(parseListStream('ofac-csv', pieces(Buffer.from('1,2'), [5])), /set of files/);
  });
});
