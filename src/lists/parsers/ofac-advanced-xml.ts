/**
 * OFAC Advanced XML (SDN_ADVANCED.XML / CONS_ADVANCED.XML): root <Sanctions>, ID-referencing model.
 * Resolved here: party type, names (primary + aliases, weak, non-Latin scripts), addresses (Locations),
 * identity documents, birth dates / places, list membership and programs (SanctionsEntries), DateOfIssue.
 */
import { EntryType, ListAddress, ListAlias, ListCode, ListEntry, ListIdentifier, ListParseError, ParsedList } from '../list-entry';
import { ofacListNameCode } from './ofac-common';
import { aliasKind, country, dedupeAliases, ensureUniqueIds, entryCountries, uniqueStrings } from './util';
import { arr, child, parseXml, txt, XmlNode } from './xml';

const ARRAYS = [
  'DistinctParty', 'Profile', 'Identity', 'Alias', 'DocumentedName', 'DocumentedNamePart', 'MasterNamePartGroup',
  'NamePartGroup', 'Feature', 'FeatureVersion', 'VersionLocation', 'VersionDetail', 'Location', 'LocationPart',
  'LocationPartValue', 'IDRegDocument', 'SanctionsEntry', 'SanctionsMeasure', 'EntryEvent', 'AliasType', 'PartySubType',
  'NamePartType', 'Country', 'AreaCode', 'IDRegDocType', 'List', 'LocPartType', 'FeatureType', 'Script', 'DetailReference',
  'DatePeriod', 'Start', 'End', 'From', 'To',
];

function lookup(root: XmlNode, set: string, item: string): Map<string, XmlNode> {
  const m = new Map<string, XmlNode>();
  for (const n of arr(child(root, 'ReferenceValueSets', set), item)) m.set(txt(n, '@_ID'), n);
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

export function parseOfacAdvancedXml(data: Buffer, fileName = 'OFAC Advanced XML', list?: 'sdn' | 'consolidated'): ParsedList {
  const { root } = parseXml(data, fileName, ['Sanctions'], { arrays: ARRAYS });
  const warnings: string[] = [];
  const publishDate = ymd(child(root, 'DateOfIssue'));
  const aliasTypes = lookup(root, 'AliasTypeValues', 'AliasType');
  const subTypes = lookup(root, 'PartySubTypeValues', 'PartySubType');
  const partTypes = lookup(root, 'NamePartTypeValues', 'NamePartType');
  const countries = lookup(root, 'CountryValues', 'Country');
  const areaCodes = lookup(root, 'AreaCodeValues', 'AreaCode');
  const docTypes = lookup(root, 'IDRegDocTypeValues', 'IDRegDocType');
  const lists = lookup(root, 'ListValues', 'List');
  const locPartTypes = lookup(root, 'LocPartTypeValues', 'LocPartType');
  const featureTypes = lookup(root, 'FeatureTypeValues', 'FeatureType');
  const details = lookup(root, 'DetailReferenceValues', 'DetailReference');
  const scripts = lookup(root, 'ScriptValues', 'Script');
  const countryIso = (id: string): string | undefined => {
    const c = countries.get(id);
    return c ? country(txt(c, '@_ISO2')) ?? country(txt(c, '#text')) : undefined;
  };

  const locations = new Map<string, ListAddress>();
  for (const l of arr(child(root, 'Locations'), 'Location')) {
    const parts: { order: number; value: string; type: string }[] = [];
    for (const p of arr(l, 'LocationPart')) {
      const value = arr(p, 'LocationPartValue').map((v) => txt(v, 'Value')).find(Boolean);
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
    locations.set(txt(l, '@_ID'), addr);
  }

  const docsByIdentity = new Map<string, ListIdentifier[]>();
  for (const d of arr(child(root, 'IDRegDocuments'), 'IDRegDocument')) {
    const value = txt(d, 'IDRegistrationNo');
    if (!value) continue;
    const id: ListIdentifier = { type: txt(docTypes.get(txt(d, '@_IDRegDocTypeID')), '#text') || 'Document', value };
    const cc = countryIso(txt(d, '@_IssuedBy-CountryID'));
    if (cc) id.country = cc;
    const k = txt(d, '@_IdentityID');
    docsByIdentity.set(k, [...(docsByIdentity.get(k) ?? []), id]);
  }

  const membership = new Map<string, { codes: ListCode[]; programs: string[]; start?: string }>();
  for (const s of arr(child(root, 'SanctionsEntries'), 'SanctionsEntry')) {
    const pid = txt(s, '@_ProfileID');
    const m = membership.get(pid) ?? { codes: [], programs: [] };
    const code = ofacListNameCode(txt(lists.get(txt(s, '@_ListID')), '#text'));
    if (code && !m.codes.includes(code)) m.codes.push(code);
    for (const meas of arr(s, 'SanctionsMeasure')) {
      if (txt(meas, '@_SanctionsTypeID') === '1') {
        const p = txt(meas, 'Comment');
        if (p && !m.programs.includes(p)) m.programs.push(p);
      }
    }
    for (const ev of arr(s, 'EntryEvent')) {
      const d = ymd(child(ev, 'Date'));
      if (d && (!m.start || d < m.start)) m.start = d;
    }
    membership.set(pid, m);
  }

  const parties = arr(child(root, 'DistinctParties'), 'DistinctParty');
  if (!parties.length) throw new ListParseError(`${fileName}: no <DistinctParty> records`, '<DistinctParties>');
  let consolidated = list ? list === 'consolidated' : /cons/i.test(fileName);
  if (!list && !/cons|sdn/i.test(fileName)) {
    let nonSdn = 0;
    for (const m of membership.values()) if (m.codes.some((c) => c !== 'SDN')) nonSdn++;
    consolidated = nonSdn >= membership.size / 2;
  }

  const entries: ListEntry[] = parties.map((p, i) => {
    const where = `<DistinctParty> #${i + 1}`;
    const fixedRef = txt(p, '@_FixedRef');
    if (!fixedRef) throw new ListParseError(`${fileName}: missing FixedRef`, where);
    const profile = arr(p, 'Profile')[0];
    if (!profile) throw new ListParseError(`${fileName}: no <Profile> (FixedRef ${fixedRef})`, where);
    const sub = subTypes.get(txt(profile, '@_PartySubTypeID'));
    const partyType = txt(sub, '@_PartyTypeID');
    const subLabel = txt(sub, '#text').toLowerCase();
    const type: EntryType = subLabel === 'vessel' ? 'vessel' : subLabel === 'aircraft' ? 'aircraft'
      : partyType === '1' ? 'individual' : partyType === '2' || partyType === '5' ? 'entity' : 'unknown';

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
          const parts = arr(dn, 'DocumentedNamePart').map((np) => {
            const v = child(np, 'NamePartValue');
            return { value: txt(v, '#text'), type: groups.get(txt(v, '@_NamePartGroupID')) ?? '', script: txt(v, '@_ScriptID') };
          }).filter((x) => x.value);
          if (!parts.length) continue;
          const last = parts.filter((x) => /last name/i.test(x.type)).map((x) => x.value).join(' ');
          const rest = parts.filter((x) => !/last name/i.test(x.type)).map((x) => x.value).join(' ');
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
        const locs = arr(v, 'VersionLocation').map((l) => locations.get(txt(l, '@_LocationID'))).filter((l): l is ListAddress => !!l);
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

    const m = membership.get(txt(profile, '@_ID')) ?? membership.get(fixedRef) ?? { codes: [], programs: [] };
    let codes = m.codes;
    if (consolidated) {
      const nonSdn = codes.filter((c) => c !== 'SDN');
      codes = nonSdn.length ? nonSdn : ['OFAC_NONSDN'];
    } else {
      codes = codes.includes('SDN') ? ['SDN', ...codes.filter((c) => c !== 'SDN')] : codes.length ? codes : ['SDN'];
    }
    const entry: ListEntry = {
      source: codes[0],
      entryId: fixedRef,
      type,
      name: primary,
      aliases: dedupeAliases(primary, aliases),
      addresses: addresses.filter((a) => a.text || a.country),
      countries: entryCountries(addresses, extraCountries),
      identifiers,
      programs: m.programs,
    };
    if (codes.length > 1) entry.lists = codes;
    if (m.start) entry.startDate = m.start;
    const remarks = txt(p, 'Comment');
    if (remarks) entry.remarks = remarks;
    if (dobs.length) entry.datesOfBirth = uniqueStrings(dobs);
    if (pobs.length) entry.placesOfBirth = uniqueStrings(pobs);
    return entry;
  });
  if (!publishDate) warnings.push(`${fileName}: no DateOfIssue; use the import date`);
  ensureUniqueIds(entries, warnings);
  return { format: 'ofac-advanced-xml', entries, publishDate, warnings };
}
