/** UK Sanctions List (FCDO) XML: root <Designations>, <DateGenerated> DD/MM/YYYY, <Designation>*. */
import { EntryType, ListAddress, ListAlias, ListEntry, ListIdentifier, ListParseError, ParsedList } from '../list-entry';
import { clean, country, dedupeAliases, ensureUniqueIds, entryCountries, isoDate, uniqueStrings } from './util';
import { arr, child, detach, readXmlList, txt, XmlListReader, XmlNode } from './xml';

const ARRAYS = [
  'Designation',
  'Name',
  'NonLatinName',
  'Title',
  'Address',
  'DOB',
  'Nationality',
  'Passport',
  'NationalIdentifier',
  'Position',
  'Location',
  'IMONumber',
  'CurrentOwnerOperator',
  'CurrentBelievedFlagOfShip',
  'TypeOfShip',
  'TonnageOfShip',
  'PhoneNumber',
  'EmailAddress',
  'Website',
  'TypeOfEntity',
  'BusinessRegistrationNumber',
];

const list = (node: XmlNode | undefined, ...path: string[]): string[] => {
  const last = path.pop()!;
  return arr(path.length ? child(node, ...path) : node, last)
    .map((n) => clean(n['#text']))
    .filter(Boolean);
};

function ukDate(s: string): string | undefined {
  return isoDate(s, false);
}

/** The record-wise reader of the UK Sanctions List XML (for readXmlList / readXmlListStream). */
export function ukXmlReader(fileName = 'UK Sanctions List XML'): XmlListReader<ParsedList> {
  const warnings: string[] = [];
  const entries: ListEntry[] = [];
  const convert = (e: XmlNode, ordinal: number): ListEntry => {
    const where = `<Designation> #${ordinal}`;
    const id = txt(e, 'UniqueID');
    if (!id) throw new ListParseError(`${fileName}: missing UniqueID`, where);
    const names = arr(child(e, 'Names'), 'Name')
      .map((n) => ({
        name: ['Name1', 'Name2', 'Name3', 'Name4', 'Name5', 'Name6']
          .map((k) => txt(n, k))
          .filter(Boolean)
          .join(' '),
        primary: /^primary/i.test(txt(n, 'NameType')),
        weak: /^low/i.test(txt(n, 'AliasStrength')),
      }))
      .filter((n) => n.name);
    const primary = names.find((n) => n.primary) ?? names[0];
    if (!primary) throw new ListParseError(`${fileName}: no name (UniqueID ${id})`, where);
    const aliases: ListAlias[] = names.filter((n) => n !== primary).map((n) => ({ name: n.name, kind: n.weak ? ('weak' as const) : ('aka' as const) }));
    for (const n of arr(child(e, 'NonLatinNames'), 'NonLatinName')) {
      const s = txt(n, 'NameNonLatinScript');
      if (s) aliases.push({ name: s, kind: 'original-script' });
    }
    const addresses: ListAddress[] = arr(child(e, 'Addresses'), 'Address')
      .map((a) => {
        const cName = txt(a, 'AddressCountry');
        const c = country(cName);
        const parts = ['AddressLine1', 'AddressLine2', 'AddressLine3', 'AddressLine4', 'AddressLine5', 'AddressLine6', 'AddressPostalCode'].map((k) =>
          txt(a, k),
        );
        if (!c && cName) parts.push(cName);
        const out: ListAddress = { text: parts.filter(Boolean).join(', ') };
        if (c) out.country = c;
        return out;
      })
      .filter((a) => a.text || a.country);
    const kind = txt(e, 'IndividualEntityShip').toLowerCase();
    const type: EntryType = kind === 'individual' ? 'individual' : kind === 'entity' ? 'entity' : kind === 'ship' ? 'vessel' : 'unknown';
    const ind = child(e, 'IndividualDetails', 'Individual');
    const ship = child(e, 'ShipDetails', 'Ship');
    const identifiers: ListIdentifier[] = [];
    for (const p of arr(child(ind, 'PassportDetails'), 'Passport')) {
      const v = txt(p, 'PassportNumber');
      if (v) identifiers.push({ type: 'Passport', value: v });
    }
    for (const p of arr(child(ind, 'NationalIdentifierDetails'), 'NationalIdentifier')) {
      const v = txt(p, 'NationalIdentifierNumber');
      if (v) identifiers.push({ type: 'National ID', value: v });
    }
    for (const imo of list(ship, 'IMONumbers', 'IMONumber')) identifiers.push({ type: 'IMO', value: imo.replace(/^IMO\s*/i, '') });
    for (const w of list(e, 'EmailAddresses', 'EmailAddress')) identifiers.push({ type: 'Email Address', value: w });
    for (const w of list(e, 'PhoneNumbers', 'PhoneNumber')) identifiers.push({ type: 'Phone Number', value: w });
    const nat = list(ind, 'Nationalities', 'Nationality').map(country);
    const dobs = list(ind, 'DOBs', 'DOB').map((d) => {
      const iso = ukDate(d);
      if (iso) return iso;
      const s = d.replace(/^dd\//i, '').replace(/^mm\//i, '');
      const m = /^(\d{1,2})\/(\d{4})$/.exec(s);
      return m ? `${m[2]}-${m[1].padStart(2, '0')}` : s;
    });
    const pobs = arr(child(ind, 'BirthDetails'), 'Location')
      .map((l) => [txt(l, 'TownOfBirth'), txt(l, 'CountryOfBirth')].filter(Boolean).join(', '))
      .filter(Boolean);
    const flags = list(ship, 'CurrentBelievedFlagOfShips', 'CurrentBelievedFlagOfShip');
    const entry: ListEntry = {
      source: 'UK',
      entryId: id,
      type,
      name: primary.name,
      aliases: dedupeAliases(primary.name, aliases),
      addresses,
      countries: entryCountries(addresses, [...nat, ...flags.map(country)]),
      identifiers,
      programs: uniqueStrings([txt(e, 'RegimeName')]),
    };
    const start = ukDate(txt(e, 'DateDesignated'));
    if (start) entry.startDate = start;
    const remarks = txt(e, 'OtherInformation');
    if (remarks) entry.remarks = remarks;
    const title = [...list(e, 'Titles', 'Title'), ...list(ind, 'Positions', 'Position')].join('; ');
    if (title) entry.title = title;
    if (dobs.length) entry.datesOfBirth = uniqueStrings(dobs);
    if (pobs.length) entry.placesOfBirth = uniqueStrings(pobs);
    if (ship) {
      entry.vessel = {
        vesselType: list(ship, 'TypeOfShipDetails', 'TypeOfShip')[0],
        flag: flags[0],
        owner: list(ship, 'CurrentOwnerOperators', 'CurrentOwnerOperator').join('; ') || undefined,
        tonnage: list(ship, 'TonnageOfShipDetails', 'TonnageOfShip')[0],
      };
    }
    const raw: Record<string, string> = {};
    for (const k of ['DesignationSource', 'UNReferenceNumber', 'OFSIGroupID', 'SanctionsImposed']) if (txt(e, k)) raw[k] = txt(e, k);
    if (Object.keys(raw).length) entry.raw = raw;
    return entry;
  };
  return {
    rootNames: ['Designations'],
    records: ['Designation'],
    arrays: ARRAYS,
    record: (_path, node, ordinal) => entries.push(detach(convert(node, ordinal))),
    finish(root) {
      const publishDate = ukDate(txt(root, 'DateGenerated')) ?? isoDate(txt(root, '@_dateGenerated'));
      if (!entries.length) throw new ListParseError(`${fileName}: no <Designation> records`, '<Designations>');
      if (!publishDate) warnings.push(`${fileName}: no DateGenerated; use the import date`);
      ensureUniqueIds(entries, warnings);
      return { format: 'uk-xml', entries, publishDate, warnings };
    },
  };
}

export function parseUkXml(data: Buffer, fileName = 'UK Sanctions List XML'): ParsedList {
  return readXmlList(data, fileName, ukXmlReader(fileName));
}
