/**
 * OFAC Enhanced XML (SDN_ENHANCED.XML / CONS_ENHANCED.XML): root <sanctionsData>, publicationInfo/dataAsOf,
 * entities/entity (id = OFAC uid) with generalInfo, sanctionsLists, sanctionsPrograms, names/name/translations,
 * addresses, features, identityDocuments. List membership is explicit (sanctionsList names).
 */
import { ListAddress, ListAlias, ListCode, ListEntry, ListIdentifier, ListParseError, ParsedList } from '../list-entry';
import { ofacListNameCode, ofacType, withCodes } from './ofac-common';
import { aliasKind, country, dedupeAliases, ensureUniqueIds, entryCountries, isoDate, uniqueStrings } from './util';
import { arr, child, detach, readXmlList, txt, XmlListReader, XmlNode } from './xml';

const ARRAYS = [
  'entity',
  'sanctionsList',
  'sanctionsProgram',
  'name',
  'translation',
  'namePart',
  'address',
  'addressPart',
  'feature',
  'identityDocument',
  'relationship',
  'referenceValue',
  'featureType',
  'sanctionsType',
  'legalAuthority',
];

const truthy = (s: string): boolean => s.toLowerCase() === 'true';

function fullName(t: XmlNode): string {
  const full = txt(t, 'formattedFullName');
  if (full) return full;
  const last = txt(t, 'formattedLastName');
  const first = txt(t, 'formattedFirstName');
  return first ? `${last}, ${first}` : last;
}

/** The record-wise reader of SDN_ENHANCED.XML / CONS_ENHANCED.XML (for readXmlList / readXmlListStream). */
export function ofacEnhancedXmlReader(fileName = 'OFAC Enhanced XML', list?: 'sdn' | 'consolidated'): XmlListReader<ParsedList> {
  const warnings: string[] = [];
  /** entries without their list code yet (it depends on the header, which the reader has at the end) */
  const drafts: { entry: Omit<ListEntry, 'source'>; listNames: string[] }[] = [];
  const record = (e: XmlNode, ordinal: number): void => {
    const where = `<entity> #${ordinal}`;
    const id = txt(e, '@_id');
    if (!id) throw new ListParseError(`${fileName}: missing id`, where);
    const gi = child(e, 'generalInfo');
    const typeLabel = txt(gi, 'entityType');
    if (!typeLabel) throw new ListParseError(`${fileName}: missing entityType (id ${id})`, where);
    let primary = '';
    const aliases: ListAlias[] = [];
    for (const n of arr(child(e, 'names'), 'name')) {
      const isPrimary = truthy(txt(n, 'isPrimary'));
      const weak = truthy(txt(n, 'isLowQuality'));
      for (const t of arr(child(n, 'translations'), 'translation')) {
        const s = fullName(t);
        if (!s) continue;
        const latin = !txt(t, 'script') || /latin/i.test(txt(t, 'script'));
        if (isPrimary && truthy(txt(t, 'isPrimary')) && latin && !primary) primary = s;
        else aliases.push({ name: s, kind: !latin ? 'original-script' : aliasKind(txt(n, 'aliasType'), weak) });
      }
    }
    if (!primary) throw new ListParseError(`${fileName}: no primary name (id ${id})`, where);

    const addresses: ListAddress[] = arr(child(e, 'addresses'), 'address')
      .map((a) => {
        const cName = txt(a, 'country');
        const cc = country(cName);
        const t = arr(child(a, 'translations'), 'translation')[0];
        const parts = arr(child(t, 'addressParts'), 'addressPart').map((p) => ({ type: txt(p, 'type'), value: txt(p, 'value') }));
        const text = parts.map((p) => p.value).filter(Boolean);
        if (!cc && cName) text.push(cName);
        const out: ListAddress = { text: text.join(', ') };
        if (cc) out.country = cc;
        const city = parts.find((p) => p.type === 'CITY')?.value;
        if (city) out.city = city;
        return out;
      })
      .filter((a) => a.text || a.country);

    const identifiers: ListIdentifier[] = arr(child(e, 'identityDocuments'), 'identityDocument')
      .map((d) => {
        const out: ListIdentifier = { type: txt(d, 'type'), value: txt(d, 'documentNumber') };
        const cc = country(txt(d, 'issuingCountry'));
        if (cc) out.country = cc;
        return out;
      })
      .filter((d) => d.value);
    const dobs: string[] = [];
    const pobs: string[] = [];
    const extraCountries: (string | undefined)[] = [];
    const vessel: NonNullable<ListEntry['vessel']> = {};
    for (const f of arr(child(e, 'features'), 'feature')) {
      const type = txt(f, 'type');
      const value = txt(f, 'value');
      if (!value) continue;
      if (type === 'Birthdate') dobs.push(isoDate(value) ?? value);
      else if (type === 'Place of Birth') pobs.push(value);
      else if (/^(Nationality Country|Citizenship Country|Nationality of Registration)$/.test(type)) extraCountries.push(country(value));
      else if (type === 'Vessel Call Sign') vessel.callSign = value;
      else if (type === 'Vessel Type') vessel.vesselType = value;
      else if (type === 'Vessel Flag') vessel.flag = value;
      else if (type === 'Vessel Owner') vessel.owner = value;
      else if (type === 'Vessel Tonnage') vessel.tonnage = value;
      else if (type === 'Vessel Gross Registered Tonnage') vessel.grossRegisteredTonnage = value;
      else identifiers.push({ type, value });
    }

    const listNames = arr(child(e, 'sanctionsLists'), 'sanctionsList').map((l) => txt(l, '#text'));
    const startDate = arr(child(e, 'sanctionsLists'), 'sanctionsList')
      .map((l) => isoDate(txt(l, '@_datePublished')))
      .filter(Boolean)
      .sort()[0];
    const entry: Omit<ListEntry, 'source'> = {
      entryId: id,
      type: ofacType(typeLabel),
      name: primary,
      aliases: dedupeAliases(primary, aliases),
      addresses,
      countries: entryCountries(addresses, extraCountries),
      identifiers,
      programs: uniqueStrings(arr(child(e, 'sanctionsPrograms'), 'sanctionsProgram').map((p) => txt(p, '#text'))),
    };
    if (startDate) entry.startDate = startDate;
    const remarks = txt(gi, 'remarks');
    if (remarks) entry.remarks = remarks;
    if (dobs.length) entry.datesOfBirth = uniqueStrings(dobs);
    if (pobs.length) entry.placesOfBirth = uniqueStrings(pobs);
    if (Object.keys(vessel).length) entry.vessel = vessel;
    drafts.push(detach({ entry, listNames }));
  };

  return {
    rootNames: ['sanctionsData'],
    records: ['entities/entity'],
    arrays: ARRAYS,
    record: (_path, node, ordinal) => record(node, ordinal),
    finish(root) {
      const info = child(root, 'publicationInfo');
      const publishDate = isoDate(txt(info, 'dataAsOf'));
      const filterLists = arr(child(info, 'filters', 'sanctionsLists'), 'sanctionsList').map((l) => txt(l, '#text'));
      let consolidated: boolean;
      if (list) consolidated = list === 'consolidated';
      else if (filterLists.some((l) => /consolidated/i.test(l))) consolidated = true;
      else consolidated = /cons/i.test(fileName);
      if (!drafts.length) throw new ListParseError(`${fileName}: no <entity> records`, '<entities>');
      const entries = drafts.map(({ entry, listNames }) => {
        let codes = uniqueStrings(listNames.map(ofacListNameCode)) as ListCode[];
        if (consolidated) {
          const nonSdn = codes.filter((c) => c !== 'SDN');
          codes = nonSdn.length ? nonSdn : ['OFAC_NONSDN'];
        } else {
          codes = codes.includes('SDN') ? ['SDN', ...codes.filter((c) => c !== 'SDN')] : codes.length ? codes : ['SDN'];
        }
        return withCodes(entry, codes);
      });
      drafts.length = 0;
      if (!publishDate) warnings.push(`${fileName}: no dataAsOf; use the import date`);
      ensureUniqueIds(entries, warnings);
      return { format: 'ofac-enhanced-xml', entries, publishDate, warnings };
    },
  };
}

export function parseOfacEnhancedXml(data: Buffer, fileName = 'OFAC Enhanced XML', list?: 'sdn' | 'consolidated'): ParsedList {
  return readXmlList(data, fileName, ofacEnhancedXmlReader(fileName, list));
}
