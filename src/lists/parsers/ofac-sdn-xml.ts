/**
 * OFAC legacy XML: root <sdnList>, <publshInformation>, repeated <sdnEntry> (sdn.xml and consolidated.xml).
 * sdn.xml -> SDN; consolidated.xml -> the non-SDN codes (SSI, FSE, PLC, CAP, MBS, CMIC, else OFAC_NONSDN).
 */
import { ListAddress, ListAlias, ListEntry, ListIdentifier, ListParseError, ParsedList } from '../list-entry';
import { looksNonSdn, ofacNonSdnCodes, ofacType, withCodes } from './ofac-common';
import { aliasKind, clean, country, dedupeAliases, ensureUniqueIds, entryCountries, isoDate, uniqueStrings } from './util';
import { arr, child, detach, readXmlList, txt, XmlListReader, XmlNode } from './xml';

const ARRAYS = ['sdnEntry', 'program', 'id', 'aka', 'address', 'nationality', 'citizenship', 'dateOfBirthItem', 'placeOfBirthItem'];

/** The record-wise reader of sdn.xml / consolidated.xml (for readXmlList / readXmlListStream). */
export function ofacSdnXmlReader(fileName = 'OFAC XML', list?: 'sdn' | 'consolidated'): XmlListReader<ParsedList> {
  const warnings: string[] = [];
  const unknown = new Map<string, number>();
  /** entries without their list code yet (sdn.xml or consolidated: decided once every record is read) */
  const drafts: { entry: Omit<ListEntry, 'source'>; markers: string; nonSdn: boolean }[] = [];
  const progsOf = (e: XmlNode): string[] => arr(child(e, 'programList'), 'program').map((p) => clean(p['#text']));
  const markersOf = (e: XmlNode): string =>
    arr(child(e, 'idList'), 'id')
      .map((i) => txt(i, 'idType'))
      .join('\n');

  const record = (e: XmlNode, ordinal: number): void => {
    const where = `<sdnEntry> #${ordinal}`;
    const uid = txt(e, 'uid');
    if (!uid) throw new ListParseError(`${fileName}: missing uid`, where);
    const last = txt(e, 'lastName');
    const first = txt(e, 'firstName');
    if (!last && !first) throw new ListParseError(`${fileName}: missing lastName (uid ${uid})`, where);
    const sdnType = txt(e, 'sdnType');
    if (!sdnType) throw new ListParseError(`${fileName}: missing sdnType (uid ${uid})`, where);
    const type = ofacType(sdnType);
    const name = first ? `${last}, ${first}` : last;
    const programs = uniqueStrings(progsOf(e));

    const aliases: ListAlias[] = arr(child(e, 'akaList'), 'aka').map((a) => {
      const al = txt(a, 'lastName');
      const af = txt(a, 'firstName');
      return { name: af ? `${al}, ${af}` : al, kind: aliasKind(txt(a, 'type'), txt(a, 'category').toLowerCase() === 'weak') };
    });

    const addresses: ListAddress[] = arr(child(e, 'addressList'), 'address').map((a) => {
      const cc = country(txt(a, 'country'));
      const parts = [txt(a, 'address1'), txt(a, 'address2'), txt(a, 'address3'), txt(a, 'city'), txt(a, 'stateOrProvince'), txt(a, 'postalCode')];
      if (!cc && txt(a, 'country')) parts.push(txt(a, 'country'));
      const addr: ListAddress = { text: parts.filter(Boolean).join(', ') };
      if (cc) addr.country = cc;
      const city = txt(a, 'city');
      if (city) addr.city = city;
      return addr;
    });
    const unknownCountries = arr(child(e, 'addressList'), 'address')
      .map((a) => txt(a, 'country'))
      .filter((c) => c && !country(c));
    for (const c of unknownCountries) unknown.set(c, (unknown.get(c) ?? 0) + 1);

    const identifiers: ListIdentifier[] = arr(child(e, 'idList'), 'id').map((d) => {
      const id: ListIdentifier = { type: txt(d, 'idType'), value: txt(d, 'idNumber') };
      const cc = country(txt(d, 'idCountry'));
      if (cc) id.country = cc;
      return id;
    });
    const nat = arr(child(e, 'nationalityList'), 'nationality').map((n) => country(txt(n, 'country')));
    const cit = arr(child(e, 'citizenshipList'), 'citizenship').map((n) => country(txt(n, 'country')));
    const dobs = arr(child(e, 'dateOfBirthList'), 'dateOfBirthItem').map((d) => {
      const s = txt(d, 'dateOfBirth');
      return isoDate(s) ?? s;
    });
    const pobs = arr(child(e, 'placeOfBirthList'), 'placeOfBirthItem').map((d) => txt(d, 'placeOfBirth'));

    const entry: Omit<ListEntry, 'source'> = {
      entryId: uid,
      type,
      name,
      aliases: dedupeAliases(name, aliases),
      addresses,
      countries: entryCountries(addresses, [...nat, ...cit]),
      identifiers,
      programs,
    };
    const remarks = txt(e, 'remarks');
    if (remarks) entry.remarks = remarks;
    const title = txt(e, 'title');
    if (title) entry.title = title;
    if (dobs.filter(Boolean).length) entry.datesOfBirth = uniqueStrings(dobs);
    if (pobs.filter(Boolean).length) entry.placesOfBirth = uniqueStrings(pobs);
    const nats = uniqueStrings([...nat, ...cit].filter((c): c is string => !!c));
    if (nats.length) entry.nationalities = nats;
    const v = child(e, 'vesselInfo');
    if (v) {
      entry.vessel = {
        callSign: txt(v, 'callSign') || undefined,
        vesselType: txt(v, 'vesselType') || undefined,
        flag: txt(v, 'vesselFlag') || undefined,
        owner: txt(v, 'vesselOwner') || undefined,
        tonnage: txt(v, 'tonnage') || undefined,
        grossRegisteredTonnage: txt(v, 'grossRegisteredTonnage') || undefined,
      };
    }
    const markers = markersOf(e);
    drafts.push(detach({ entry, markers, nonSdn: looksNonSdn(progsOf(e), markers) }));
  };

  return {
    rootNames: ['sdnList'],
    records: ['sdnEntry'],
    arrays: ARRAYS,
    record: (_path, node, ordinal) => record(node, ordinal),
    finish(root) {
      const info = child(root, 'publshInformation');
      const publishDate = isoDate(txt(info, 'Publish_Date'));
      const recordCount = Number(txt(info, 'Record_Count')) || undefined;
      if (!drafts.length) throw new ListParseError(`${fileName}: no <sdnEntry> records`, '<sdnList>');
      if (recordCount !== undefined && recordCount !== drafts.length) {
        throw new ListParseError(
          `${fileName}: Record_Count says ${recordCount} but the file has ${drafts.length} <sdnEntry> (truncated?)`,
          '<publshInformation>',
        );
      }
      let consolidated: boolean;
      if (list) consolidated = list === 'consolidated';
      else if (/cons/i.test(fileName)) consolidated = true;
      else if (/sdn/i.test(fileName)) consolidated = false;
      else consolidated = drafts.filter((d) => d.nonSdn).length >= drafts.length / 2;

      const entries = drafts.map((d) => withCodes(d.entry, consolidated ? ofacNonSdnCodes(d.entry.programs, d.markers) : ['SDN']));
      drafts.length = 0;
      if (unknown.size) {
        warnings.push(`${fileName}: country names without an ISO code (kept in the address text): ${[...unknown].map(([c, n]) => `${c} (${n})`).join(', ')}`);
      }
      if (!publishDate) warnings.push(`${fileName}: no Publish_Date; use the import date`);
      ensureUniqueIds(entries, warnings);
      return { format: 'ofac-sdn-xml', entries, publishDate, warnings };
    },
  };
}

export function parseOfacSdnXml(data: Buffer, fileName = 'OFAC XML', list?: 'sdn' | 'consolidated'): ParsedList {
  return readXmlList(data, fileName, ofacSdnXmlReader(fileName, list));
}
