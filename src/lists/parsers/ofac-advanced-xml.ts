/**
 * OFAC Advanced XML (SDN_ADVANCED.XML / CONS_ADVANCED.XML): root <Sanctions>, ID-referencing model.
 * Resolved here: party type, names (primary + aliases, weak, non-Latin scripts), addresses (Locations),
 * identity documents, birth dates / places, list membership and programs (SanctionsEntries), DateOfIssue.
 */
import { EntryType, ListAddress, ListAlias, ListCode, ListEntry, ListIdentifier, ListParseError, ParsedList } from '../list-entry';
import { ofacListNameCode } from './ofac-common';
import { aliasKind, country, dedupeAliases, ensureUniqueIds, entryCountries, uniqueStrings } from './util';
import { arr, child, detach, readXmlList, txt, XmlListReader, XmlNode } from './xml';

const ARRAYS = [
  'DistinctParty',
  'Profile',
  'Identity',
  'Alias',
  'DocumentedName',
  'DocumentedNamePart',
  'MasterNamePartGroup',
  'NamePartGroup',
  'Feature',
  'FeatureVersion',
  'VersionLocation',
  'VersionDetail',
  'Location',
  'LocationPart',
  'LocationPartValue',
  'IDRegDocument',
  'SanctionsEntry',
  'SanctionsMeasure',
  'EntryEvent',
  'AliasType',
  'PartySubType',
  'NamePartType',
  'Country',
  'AreaCode',
  'IDRegDocType',
  'List',
  'LocPartType',
  'FeatureType',
  'Script',
  'DetailReference',
  'DatePeriod',
  'Start',
  'End',
  'From',
  'To',
];

function lookup(sets: XmlNode | undefined, set: string, item: string): Map<string, XmlNode> {
  const m = new Map<string, XmlNode>();
  for (const n of arr(child(sets, set), item)) m.set(txt(n, '@_ID'), n);
  return m;
}

function ymd(n: XmlNode | undefined): string | undefined {
  if (!n) return undefined;
  const y = txt(n, 'Year');
  if (!y) return undefined;
  const mo = txt(n, 'Month');
  const d = txt(n, 'Day');
  return mo && d ? `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}` : y;
}

/** A DistinctParty mapped, but for what the SanctionsEntries (after the parties in the file) give. */
type PartyDraft = { profileId: string } & Pick<
  ListEntry,
  'entryId' | 'type' | 'name' | 'aliases' | 'addresses' | 'countries' | 'identifiers' | 'remarks' | 'datesOfBirth' | 'placesOfBirth'
>;

/**
 * The record-wise reader of SDN_ADVANCED.XML / CONS_ADVANCED.XML (for readXmlList / readXmlListStream).
 * Records: the reference value sets (one record), each Location, IDRegDocument, DistinctParty and
 * SanctionsEntry. Locations and identity documents are kept in compact form until the parties that refer to
 * them; list membership (SanctionsEntries, after the parties) is applied at the end. The schema's section
 * order (ReferenceValueSets, Locations, IDRegDocuments before DistinctParties) is required.
 */
export function ofacAdvancedXmlReader(fileName = 'OFAC Advanced XML', list?: 'sdn' | 'consolidated'): XmlListReader<ParsedList> {
  const warnings: string[] = [];
  let aliasTypes = new Map<string, XmlNode>();
  let subTypes = new Map<string, XmlNode>();
  let partTypes = new Map<string, XmlNode>();
  let countries = new Map<string, XmlNode>();
  let areaCodes = new Map<string, XmlNode>();
  let docTypes = new Map<string, XmlNode>();
  let lists = new Map<string, XmlNode>();
  let locPartTypes = new Map<string, XmlNode>();
  let featureTypes = new Map<string, XmlNode>();
  let details = new Map<string, XmlNode>();
  let scripts = new Map<string, XmlNode>();
  const countryIso = (id: string): string | undefined => {
    const c = countries.get(id);
    return c ? (country(txt(c, '@_ISO2')) ?? country(txt(c, '#text'))) : undefined;
  };
  const locations = new Map<string, ListAddress>();
  const docsByIdentity = new Map<string, ListIdentifier[]>();
  const membership = new Map<string, { codes: ListCode[]; programs: string[]; start?: string }>();
  const drafts: PartyDraft[] = [];
  const seen = new Set<string>();

  const outOfOrder = (path: string, ordinal: number, before: string[]): void => {
    const late = before.find((b) => seen.has(b));
    if (late) {
      throw new ListParseError(
        `${fileName}: <${path.split('/')[0]}> after <${late.split('/')[0]}>; the Advanced XML schema has it before (sections out of order)`,
        `<${path.split('/').pop()}> #${ordinal}`,
      );
    }
  };

  const referenceValueSets = (sets: XmlNode): void => {
    aliasTypes = lookup(sets, 'AliasTypeValues', 'AliasType');
    subTypes = lookup(sets, 'PartySubTypeValues', 'PartySubType');
    partTypes = lookup(sets, 'NamePartTypeValues', 'NamePartType');
    countries = lookup(sets, 'CountryValues', 'Country');
    areaCodes = lookup(sets, 'AreaCodeValues', 'AreaCode');
    docTypes = lookup(sets, 'IDRegDocTypeValues', 'IDRegDocType');
    lists = lookup(sets, 'ListValues', 'List');
    locPartTypes = lookup(sets, 'LocPartTypeValues', 'LocPartType');
    featureTypes = lookup(sets, 'FeatureTypeValues', 'FeatureType');
    details = lookup(sets, 'DetailReferenceValues', 'DetailReference');
    scripts = lookup(sets, 'ScriptValues', 'Script');
  };

  const location = (l: XmlNode): void => {
    const parts: { order: number; value: string; type: string }[] = [];
    for (const p of arr(l, 'LocationPart')) {
      const value = arr(p, 'LocationPartValue')
        .map((v) => txt(v, 'Value'))
        .find(Boolean);
      const type = txt(locPartTypes.get(txt(p, '@_LocPartTypeID')), '#text');
      if (value) parts.push({ order: Number(txt(p, '@_LocPartTypeID')) || 0, value, type });
    }
    parts.sort((a, b) => a.order - b.order);
    const cId = txt(child(l, 'LocationCountry'), '@_CountryID');
    let cc = cId ? countryIso(cId) : undefined;
    if (!cc) {
      const area = areaCodes.get(txt(child(l, 'LocationAreaCode'), '@_AreaCodeID'));
      cc = area ? country(txt(area, '@_CountryID') ? txt(countries.get(txt(area, '@_CountryID')), '@_ISO2') : txt(area, '#text')) : undefined;
    }
    const addr: ListAddress = { text: parts.map((p) => p.value).join(', ') };
    if (cc) addr.country = cc;
    const city = parts.find((p) => /city/i.test(p.type))?.value;
    if (city) addr.city = city;
    locations.set(detach(txt(l, '@_ID')), detach(addr));
  };

  const document = (d: XmlNode): void => {
    const value = txt(d, 'IDRegistrationNo');
    if (!value) return;
    const id: ListIdentifier = { type: txt(docTypes.get(txt(d, '@_IDRegDocTypeID')), '#text') || 'Document', value };
    const cc = countryIso(txt(d, '@_IssuedBy-CountryID'));
    if (cc) id.country = cc;
    const k = detach(txt(d, '@_IdentityID'));
    docsByIdentity.set(k, [...(docsByIdentity.get(k) ?? []), detach(id)]);
  };

  const sanctionsEntry = (s: XmlNode): void => {
    const pid = detach(txt(s, '@_ProfileID'));
    const m = membership.get(pid) ?? { codes: [], programs: [] };
    const code = ofacListNameCode(txt(lists.get(txt(s, '@_ListID')), '#text'));
    if (code && !m.codes.includes(code)) m.codes.push(code);
    for (const meas of arr(s, 'SanctionsMeasure')) {
      if (txt(meas, '@_SanctionsTypeID') === '1') {
        const p = txt(meas, 'Comment');
        if (p && !m.programs.includes(p)) m.programs.push(detach(p));
      }
    }
    for (const ev of arr(s, 'EntryEvent')) {
      const d = ymd(child(ev, 'Date'));
      if (d && (!m.start || d < m.start)) m.start = detach(d);
    }
    membership.set(pid, m);
  };

  const party = (p: XmlNode, ordinal: number): void => {
    const where = `<DistinctParty> #${ordinal}`;
    const fixedRef = txt(p, '@_FixedRef');
    if (!fixedRef) throw new ListParseError(`${fileName}: missing FixedRef`, where);
    const profile = arr(p, 'Profile')[0];
    if (!profile) throw new ListParseError(`${fileName}: no <Profile> (FixedRef ${fixedRef})`, where);
    const sub = subTypes.get(txt(profile, '@_PartySubTypeID'));
    const partyType = txt(sub, '@_PartyTypeID');
    const subLabel = txt(sub, '#text').toLowerCase();
    const type: EntryType =
      subLabel === 'vessel'
        ? 'vessel'
        : subLabel === 'aircraft'
          ? 'aircraft'
          : partyType === '1'
            ? 'individual'
            : partyType === '2' || partyType === '5'
              ? 'entity'
              : 'unknown';

    let primary = '';
    const aliases: ListAlias[] = [];
    const identifiers: ListIdentifier[] = [];
    for (const identity of arr(profile, 'Identity')) {
      const groups = new Map<string, string>();
      for (const mg of arr(child(identity, 'NamePartGroups'), 'MasterNamePartGroup')) {
        for (const g of arr(mg, 'NamePartGroup')) groups.set(txt(g, '@_ID'), txt(partTypes.get(txt(g, '@_NamePartTypeID')), '#text'));
      }
      for (const a of arr(identity, 'Alias')) {
        const typeLabel = txt(aliasTypes.get(txt(a, '@_AliasTypeID')), '#text');
        const isName = typeLabel.toLowerCase() === 'name' || txt(a, '@_Primary') === 'true';
        const weak = txt(a, '@_LowQuality') === 'true';
        for (const dn of arr(a, 'DocumentedName')) {
          const parts = arr(dn, 'DocumentedNamePart')
            .map((np) => {
              const v = child(np, 'NamePartValue');
              return { value: txt(v, '#text'), type: groups.get(txt(v, '@_NamePartGroupID')) ?? '', script: txt(v, '@_ScriptID') };
            })
            .filter((x) => x.value);
          if (!parts.length) continue;
          const last = parts
            .filter((x) => /last name/i.test(x.type))
            .map((x) => x.value)
            .join(' ');
          const rest = parts
            .filter((x) => !/last name/i.test(x.type))
            .map((x) => x.value)
            .join(' ');
          const name = last && rest ? `${last}, ${rest}` : last || rest;
          const scriptLabel = txt(scripts.get(parts[0].script), '#text');
          const latin = !scriptLabel || /latin/i.test(scriptLabel);
          if (isName && latin && !primary) primary = name;
          else aliases.push({ name, kind: !latin ? 'original-script' : aliasKind(typeLabel, weak) });
        }
      }
      identifiers.push(...(docsByIdentity.get(txt(identity, '@_ID')) ?? []));
    }
    if (!primary) throw new ListParseError(`${fileName}: no primary name (FixedRef ${fixedRef})`, where);

    const addresses: ListAddress[] = [];
    const extraCountries: (string | undefined)[] = [];
    const dobs: string[] = [];
    const pobs: string[] = [];
    for (const f of arr(profile, 'Feature')) {
      const ft = txt(featureTypes.get(txt(f, '@_FeatureTypeID')), '#text');
      for (const v of arr(f, 'FeatureVersion')) {
        const locs = arr(v, 'VersionLocation')
          .map((l) => locations.get(txt(l, '@_LocationID')))
          .filter((l): l is ListAddress => !!l);
        if (/^location$/i.test(ft) || txt(f, '@_FeatureTypeID') === '25') addresses.push(...locs.map((l) => ({ ...l })));
        else if (/place of birth/i.test(ft)) pobs.push(...locs.map((l) => l.text || l.country || '').filter(Boolean));
        else if (/birthdate/i.test(ft)) {
          const dp = arr(v, 'DatePeriod')[0];
          const from = ymd(child(dp, 'Start', 'From'));
          const to = ymd(child(dp, 'End', 'To'));
          if (from) dobs.push(from === to || !to ? from : `${from} to ${to}`);
        } else if (/nationality|citizenship/i.test(ft)) {
          for (const vd of arr(v, 'VersionDetail')) extraCountries.push(country(txt(details.get(txt(vd, '@_DetailReferenceID')), '#text')));
          extraCountries.push(...locs.map((l) => l.country));
        } else {
          for (const vd of arr(v, 'VersionDetail')) {
            const value = txt(vd, '#text') || txt(details.get(txt(vd, '@_DetailReferenceID')), '#text');
            if (value && ft) identifiers.push({ type: ft, value });
          }
        }
      }
    }
    const draft: PartyDraft = {
      profileId: txt(profile, '@_ID'),
      entryId: fixedRef,
      type,
      name: primary,
      aliases: dedupeAliases(primary, aliases),
      addresses: addresses.filter((a) => a.text || a.country),
      countries: entryCountries(addresses, extraCountries),
      identifiers,
    };
    const remarks = txt(p, 'Comment');
    if (remarks) draft.remarks = remarks;
    if (dobs.length) draft.datesOfBirth = uniqueStrings(dobs);
    if (pobs.length) draft.placesOfBirth = uniqueStrings(pobs);
    drafts.push(detach(draft));
  };

  const PARTY = 'DistinctParties/DistinctParty';
  const LOCATION = 'Locations/Location';
  const DOCUMENT = 'IDRegDocuments/IDRegDocument';
  const ENTRY = 'SanctionsEntries/SanctionsEntry';
  return {
    rootNames: ['Sanctions'],
    records: ['ReferenceValueSets', LOCATION, DOCUMENT, PARTY, ENTRY],
    validateOnly: ['ProfileRelationships/ProfileRelationship', 'SanctionsEntryLinks/SanctionsEntryLink'],
    arrays: ARRAYS,
    record(path, node, ordinal) {
      if (path === PARTY) party(node, ordinal);
      else if (path === ENTRY) {
        outOfOrder(path, ordinal, []);
        sanctionsEntry(node);
      } else if (path === LOCATION || path === DOCUMENT) {
        outOfOrder(path, ordinal, [PARTY]);
        if (path === LOCATION) location(node);
        else document(node);
      } else {
        outOfOrder(path, ordinal, [LOCATION, DOCUMENT, PARTY, ENTRY]);
        referenceValueSets(node);
      }
      seen.add(path);
    },
    finish(root) {
      const publishDate = ymd(child(root, 'DateOfIssue'));
      if (!drafts.length) throw new ListParseError(`${fileName}: no <DistinctParty> records`, '<DistinctParties>');
      let consolidated = list ? list === 'consolidated' : /cons/i.test(fileName);
      if (!list && !/cons|sdn/i.test(fileName)) {
        let nonSdn = 0;
        for (const m of membership.values()) if (m.codes.some((c) => c !== 'SDN')) nonSdn++;
        consolidated = nonSdn >= membership.size / 2;
      }
      const entries: ListEntry[] = drafts.map((d) => {
        const m = membership.get(d.profileId) ?? membership.get(d.entryId) ?? { codes: [], programs: [] };
        let codes = m.codes;
        if (consolidated) {
          const nonSdn = codes.filter((c) => c !== 'SDN');
          codes = nonSdn.length ? nonSdn : ['OFAC_NONSDN'];
        } else {
          codes = codes.includes('SDN') ? ['SDN', ...codes.filter((c) => c !== 'SDN')] : codes.length ? codes : ['SDN'];
        }
        const entry: ListEntry = {
          source: codes[0],
          entryId: d.entryId,
          type: d.type,
          name: d.name,
          aliases: d.aliases,
          addresses: d.addresses,
          countries: d.countries,
          identifiers: d.identifiers,
          programs: m.programs,
        };
        if (codes.length > 1) entry.lists = codes;
        if (m.start) entry.startDate = m.start;
        if (d.remarks) entry.remarks = d.remarks;
        if (d.datesOfBirth) entry.datesOfBirth = d.datesOfBirth;
        if (d.placesOfBirth) entry.placesOfBirth = d.placesOfBirth;
        return entry;
      });
      drafts.length = 0;
      if (!publishDate) warnings.push(`${fileName}: no DateOfIssue; use the import date`);
      ensureUniqueIds(entries, warnings);
      return { format: 'ofac-advanced-xml', entries, publishDate, warnings };
    },
  };
}

export function parseOfacAdvancedXml(data: Buffer, fileName = 'OFAC Advanced XML', list?: 'sdn' | 'consolidated'): ParsedList {
  return readXmlList(data, fileName, ofacAdvancedXmlReader(fileName, list));
}
