/** UN Security Council Consolidated List XML: root <CONSOLIDATED_LIST>, INDIVIDUALS/INDIVIDUAL*, ENTITIES/ENTITY*. */
import { ListAddress, ListAlias, ListEntry, ListIdentifier, ListParseError, ParsedList } from '../list-entry';
import { clean, country, dedupeAliases, ensureUniqueIds, entryCountries, isoDate, uniqueStrings } from './util';
import { arr, child, detach, readXmlList, txt, XmlListReader, XmlNode } from './xml';

const ARRAYS = [
  'INDIVIDUAL',
  'ENTITY',
  'INDIVIDUAL_ALIAS',
  'ENTITY_ALIAS',
  'INDIVIDUAL_ADDRESS',
  'ENTITY_ADDRESS',
  'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_PLACE_OF_BIRTH',
  'INDIVIDUAL_DOCUMENT',
  'VALUE',
];

function values(node: XmlNode, key: string): string[] {
  return arr(child(node, key), 'VALUE')
    .map((v) => clean(v['#text']))
    .filter(Boolean);
}

function unAddress(a: XmlNode): ListAddress | undefined {
  const cName = txt(a, 'COUNTRY');
  const cc = country(cName);
  const parts = [txt(a, 'STREET'), txt(a, 'CITY'), txt(a, 'STATE_PROVINCE'), txt(a, 'ZIP_CODE')];
  if (!cc && cName) parts.push(cName);
  const text = parts.filter(Boolean).join(', ');
  if (!text && !cc) return undefined;
  const out: ListAddress = { text };
  if (cc) out.country = cc;
  if (txt(a, 'CITY')) out.city = txt(a, 'CITY');
  return out;
}

/** The record-wise reader of the UN consolidated.xml (for readXmlList / readXmlListStream). */
export function unXmlReader(fileName = 'UN XML'): XmlListReader<ParsedList> {
  const warnings: string[] = [];
  const people: ListEntry[] = [];
  const orgs: ListEntry[] = [];
  const convert = (e: XmlNode, ordinal: number, individual: boolean): ListEntry => {
    const tag = individual ? 'INDIVIDUAL' : 'ENTITY';
    const where = `<${tag}> #${ordinal}`;
    const ref = txt(e, 'REFERENCE_NUMBER');
    const dataId = txt(e, 'DATAID');
    if (!ref && !dataId) throw new ListParseError(`${fileName}: missing REFERENCE_NUMBER and DATAID`, where);
    const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
      .map((k) => txt(e, k))
      .filter(Boolean)
      .join(' ');
    if (!name) throw new ListParseError(`${fileName}: missing FIRST_NAME (${ref || dataId})`, where);
    const aliases: ListAlias[] = [];
    for (const a of arr(e, `${tag}_ALIAS`)) {
      const n = txt(a, 'ALIAS_NAME');
      if (!n) continue;
      const q = txt(a, 'QUALITY').toLowerCase();
      aliases.push({ name: n, kind: q === 'low' ? 'weak' : q === 'f.k.a.' ? 'fka' : 'aka' });
    }
    const orig = txt(e, 'NAME_ORIGINAL_SCRIPT');
    if (orig) aliases.push({ name: orig, kind: 'original-script' });
    const addresses = arr(e, `${tag}_ADDRESS`)
      .map(unAddress)
      .filter((a): a is ListAddress => !!a);
    const identifiers: ListIdentifier[] = [];
    for (const d of arr(e, 'INDIVIDUAL_DOCUMENT')) {
      const value = txt(d, 'NUMBER');
      const type = clean(txt(d, 'TYPE_OF_DOCUMENT') || txt(d, 'TYPE_OF_DOCUMENT2'));
      if (!value && !type) continue;
      const id: ListIdentifier = { type: type || 'Document', value };
      const cc = country(txt(d, 'ISSUING_COUNTRY') || txt(d, 'COUNTRY_OF_ISSUE'));
      if (cc) id.country = cc;
      identifiers.push(id);
    }
    const nat = values(e, 'NATIONALITY').map(country);
    const dobs = arr(e, 'INDIVIDUAL_DATE_OF_BIRTH')
      .map((d) => (txt(d, 'DATE') ? isoDate(txt(d, 'DATE')) : txt(d, 'YEAR') || (txt(d, 'FROM_YEAR') ? `${txt(d, 'FROM_YEAR')}-${txt(d, 'TO_YEAR')}` : '')))
      .filter((d): d is string => !!d);
    const pobs = arr(e, 'INDIVIDUAL_PLACE_OF_BIRTH')
      .map((p) => [txt(p, 'CITY'), txt(p, 'STATE_PROVINCE'), txt(p, 'COUNTRY')].filter(Boolean).join(', '))
      .filter(Boolean);
    const entry: ListEntry = {
      source: 'UN',
      entryId: ref || dataId,
      type: individual ? 'individual' : 'entity',
      name,
      aliases: dedupeAliases(name, aliases),
      addresses,
      countries: entryCountries(addresses, nat),
      identifiers,
      programs: uniqueStrings([txt(e, 'UN_LIST_TYPE')]),
    };
    const listed = isoDate(txt(e, 'LISTED_ON'));
    if (listed) entry.startDate = listed;
    const remarks = txt(e, 'COMMENTS1');
    if (remarks) entry.remarks = remarks;
    const title = [...values(e, 'TITLE'), ...values(e, 'DESIGNATION')].join('; ');
    if (title) entry.title = title;
    if (dobs.length) entry.datesOfBirth = uniqueStrings(dobs);
    if (pobs.length) entry.placesOfBirth = uniqueStrings(pobs);
    const nats = uniqueStrings(nat.filter((c): c is string => !!c));
    if (nats.length) entry.nationalities = nats;
    return entry;
  };
  return {
    rootNames: ['CONSOLIDATED_LIST'],
    records: ['INDIVIDUALS/INDIVIDUAL', 'ENTITIES/ENTITY'],
    arrays: ARRAYS,
    record(path, node, ordinal) {
      const individual = path === 'INDIVIDUALS/INDIVIDUAL';
      (individual ? people : orgs).push(detach(convert(node, ordinal, individual)));
    },
    finish(root) {
      const publishDate = isoDate(txt(root, '@_dateGenerated'));
      if (!people.length && !orgs.length) throw new ListParseError(`${fileName}: no <INDIVIDUAL> or <ENTITY> records`, '<CONSOLIDATED_LIST>');
      const entries = [...people, ...orgs];
      if (!publishDate) warnings.push(`${fileName}: no dateGenerated; use the import date`);
      ensureUniqueIds(entries, warnings);
      return { format: 'un-xml', entries, publishDate, warnings };
    },
  };
}

export function parseUnXml(data: Buffer, fileName = 'UN XML'): ParsedList {
  return readXmlList(data, fileName, unXmlReader(fileName));
}
