/** EU Financial Sanctions File XML v1.1: root <export generationDate=…>, <sanctionEntity>* (data in attributes). */
import { ListAddress, ListAlias, ListEntry, ListIdentifier, ListParseError, ParsedList } from '../list-entry';
import { clean, country, ensureUniqueIds, entryCountries, isoDate, uniqueStrings } from './util';
import { arr, child, detach, readXmlList, txt, XmlListReader, XmlNode } from './xml';

const ARRAYS = ['sanctionEntity', 'remark', 'regulation', 'nameAlias', 'citizenship', 'birthdate', 'address', 'identification', 'contactInfo'];

const cc = (n: XmlNode): string | undefined => country(txt(n, '@_countryIso2Code')) ?? country(txt(n, '@_countryDescription'));

/** The record-wise reader of the EU FSF XML (for readXmlList / readXmlListStream). */
export function euXmlReader(fileName = 'EU FSF XML'): XmlListReader<ParsedList> {
  const warnings: string[] = [];
  const entries: ListEntry[] = [];
  const convert = (e: XmlNode, ordinal: number): ListEntry => {
    const where = `<sanctionEntity> #${ordinal}`;
    const id = txt(e, '@_logicalId');
    if (!id) throw new ListParseError(`${fileName}: missing logicalId`, where);
    const names = arr(e, 'nameAlias')
      .map((n) => ({
        name: txt(n, '@_wholeName') || [txt(n, '@_firstName'), txt(n, '@_middleName'), txt(n, '@_lastName')].filter(Boolean).join(' '),
        strong: txt(n, '@_strong') !== 'false',
        lang: txt(n, '@_nameLanguage'),
        fn: txt(n, '@_function'),
      }))
      .filter((n) => n.name);
    if (!names.length) throw new ListParseError(`${fileName}: no nameAlias with a name (logicalId ${id})`, where);
    const name = names[0].name;
    const seen = new Set([name.toLowerCase()]);
    const aliases: ListAlias[] = [];
    for (const n of names.slice(1)) {
      const k = n.name.toLowerCase();
      if (seen.has(k)) continue;
      seen.add(k);
      // eslint-disable-next-line no-control-regex -- the range starts at U+0000: every Latin character
      const nonLatin = /[^\u0000-\u024f\u1e00-\u1eff\s\p{P}\p{N}]/u.test(n.name);
      aliases.push({ name: n.name, kind: !n.strong ? 'weak' : nonLatin ? 'original-script' : 'aka' });
    }
    const addresses: ListAddress[] = arr(e, 'address')
      .map((a) => {
        const c = cc(a);
        const parts = [txt(a, '@_street'), txt(a, '@_poBox'), txt(a, '@_city'), txt(a, '@_zipCode'), txt(a, '@_region'), txt(a, '@_place')];
        const out: ListAddress = { text: parts.filter(Boolean).join(', ') };
        if (c) out.country = c;
        if (txt(a, '@_city')) out.city = txt(a, '@_city');
        return out;
      })
      .filter((a) => a.text || a.country);
    const identifiers: ListIdentifier[] = arr(e, 'identification')
      .map((d) => {
        const out: ListIdentifier = {
          type: txt(d, '@_identificationTypeCode') || txt(d, '@_identificationTypeDescription'),
          value: txt(d, '@_number') || txt(d, '@_latinNumber'),
        };
        const c = cc(d);
        if (c) out.country = c;
        return out;
      })
      .filter((d) => d.value);
    const cit = arr(e, 'citizenship').map(cc);
    const births = arr(e, 'birthdate');
    const dobs = births.map((b) => isoDate(txt(b, '@_birthdate')) ?? txt(b, '@_year')).filter(Boolean);
    const pobs = births
      .map((b) => [txt(b, '@_city'), txt(b, '@_place'), txt(b, '@_countryDescription')].filter((x) => x && x !== '-' && x !== 'UNKNOWN').join(', '))
      .filter(Boolean);
    const regs = arr(e, 'regulation');
    const subject = txt(child(e, 'subjectType'), '@_code');
    const entry: ListEntry = {
      source: 'EU',
      entryId: id,
      type: subject === 'person' ? 'individual' : subject === 'enterprise' ? 'entity' : 'unknown',
      name,
      aliases,
      addresses,
      countries: entryCountries(addresses, cit),
      identifiers,
      programs: uniqueStrings(regs.map((r) => txt(r, '@_programme'))),
    };
    const start =
      isoDate(txt(e, '@_designationDate')) ??
      regs
        .map((r) => isoDate(txt(r, '@_publicationDate')))
        .filter(Boolean)
        .sort()[0];
    if (start) entry.startDate = start;
    const remarks = arr(e, 'remark')
      .map((r) => clean(r['#text']))
      .filter(Boolean)
      .join(' ');
    if (remarks) entry.remarks = remarks;
    const fr = regs.map((r) => txt(r, '@_numberTitle')).filter(Boolean);
    if (fr.length) entry.federalRegisterNotice = uniqueStrings(fr).join('; ');
    const fn = uniqueStrings(names.map((n) => n.fn)).join('; ');
    if (fn) entry.title = fn;
    if (dobs.length) entry.datesOfBirth = uniqueStrings(dobs);
    if (pobs.length) entry.placesOfBirth = uniqueStrings(pobs);
    const ref = txt(e, '@_euReferenceNumber');
    if (ref) entry.raw = { euReferenceNumber: ref, unitedNationId: txt(e, '@_unitedNationId') || undefined };
    return entry;
  };
  return {
    rootNames: ['export'],
    records: ['sanctionEntity'],
    arrays: ARRAYS,
    record: (_path, node, ordinal) => entries.push(detach(convert(node, ordinal))),
    finish(root) {
      const publishDate = isoDate(txt(root, '@_generationDate'));
      if (!entries.length) throw new ListParseError(`${fileName}: no <sanctionEntity> records`, '<export>');
      if (!publishDate) warnings.push(`${fileName}: no generationDate; use the import date`);
      ensureUniqueIds(entries, warnings);
      return { format: 'eu-xml', entries, publishDate, warnings };
    },
  };
}

export function parseEuXml(data: Buffer, fileName = 'EU FSF XML'): ParsedList {
  return readXmlList(data, fileName, euXmlReader(fileName));
}
