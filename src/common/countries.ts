/**
 * ISO 3166-1 alpha-2 country codes and English names, from the ICU data that
 * ships with Node (Intl.DisplayNames), so no hand-kept table can drift.
 */
import { memoByString } from './memo';

const displayNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** Region codes ICU knows that are not countries, or are withdrawn codes. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'AN', 'CS', 'YU', 'DG', 'EA', 'IC', 'TA', 'CP', 'AC']);

const CODES: string[] = [];
const NAME_TO_CODE = new Map<string, string>();

for (let a = 65; a <= 90; a++) {
  for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    if (NOT_COUNTRIES.has(code)) continue;
    const name = displayNames.of(code);
    if (!name) continue;
    CODES.push(code);
    NAME_TO_CODE.set(normaliseCountryName(name), code);
  }
}

/** Names the lists use that ICU spells otherwise. */
const EXTRA_NAMES: Record<string, string> = {
  'hong kong': 'HK',
  'hong kong sar': 'HK',
  'hong kong china': 'HK',
  macau: 'MO',
  macao: 'MO',
  'macao sar': 'MO',
  'china mainland': 'CN',
  "people's republic of china": 'CN',
  'peoples republic of china': 'CN',
  prc: 'CN',
  russia: 'RU',
  'russian federation': 'RU',
  iran: 'IR',
  'iran islamic republic of': 'IR',
  'islamic republic of iran': 'IR',
  'north korea': 'KP',
  "democratic people's republic of korea": 'KP',
  'democratic peoples republic of korea': 'KP',
  'korea north': 'KP',
  'korea democratic peoples republic of': 'KP',
  'korea south': 'KR',
  'south korea': 'KR',
  'republic of korea': 'KR',
  'korea republic of': 'KR',
  syria: 'SY',
  'syrian arab republic': 'SY',
  burma: 'MM',
  myanmar: 'MM',
  'burma myanmar': 'MM',
  taiwan: 'TW',
  'taiwan province of china': 'TW',
  vietnam: 'VN',
  'viet nam': 'VN',
  laos: 'LA',
  "lao people's democratic republic": 'LA',
  'united states': 'US',
  'united states of america': 'US',
  usa: 'US',
  'united kingdom': 'GB',
  uk: 'GB',
  'great britain': 'GB',
  'united arab emirates': 'AE',
  uae: 'AE',
  'congo democratic republic of the': 'CD',
  'democratic republic of the congo': 'CD',
  'congo kinshasa': 'CD',
  'republic of the congo': 'CG',
  'congo brazzaville': 'CG',
  "cote d'ivoire": 'CI',
  'ivory coast': 'CI',
  'czech republic': 'CZ',
  czechia: 'CZ',
  turkey: 'TR',
  turkiye: 'TR',
  'west bank': 'PS',
  'gaza strip': 'PS',
  palestine: 'PS',
  'palestinian territories': 'PS',
  moldova: 'MD',
  'republic of moldova': 'MD',
  'bosnia and herzegovina': 'BA',
  'bosnia-herzegovina': 'BA',
  'the gambia': 'GM',
  gambia: 'GM',
  'the bahamas': 'BS',
  'netherlands antilles': 'CW',
  crimea: 'UA',
  'region: crimea': 'UA',
  kosovo: 'XK',
  macedonia: 'MK',
  'north macedonia': 'MK',
  'st kitts and nevis': 'KN',
  'saint kitts and nevis': 'KN',
  'st vincent and the grenadines': 'VC',
  'saint vincent and the grenadines': 'VC',
  'st lucia': 'LC',
  'saint lucia': 'LC',
  'brunei darussalam': 'BN',
  'tanzania united republic of': 'TZ',
  'venezuela bolivarian republic of': 'VE',
  'bolivia plurinational state of': 'BO',
  'micronesia federated states of': 'FM',
  eswatini: 'SZ',
  swaziland: 'SZ',
  'cabo verde': 'CV',
  'cape verde': 'CV',
  'timor-leste': 'TL',
  'east timor': 'TL',
  'holy see': 'VA',
  'vatican city': 'VA',
  // spellings seen in the OFAC / UN / UK list files
  palestinian: 'PS',
  'possibly palestinian': 'PS',
  'state of palestine': 'PS',
  'region: gaza': 'PS',
  'region: north gaza': 'PS',
  'region: northern gaza': 'PS',
  'region: west bank': 'PS',
  'region: russia': 'RU',
  'region: china': 'CN',
  'region: northern mali': 'ML',
  'virgin islands british': 'VG',
  'united kingdom of great britain and northern ireland': 'GB',
  'north macedonia the republic of': 'MK',
  'united republic of tanzania': 'TZ',
  'cote d ivoire': 'CI',
  'congo republic of the': 'CG',
  'bahamas the': 'BS',
  'man isle of': 'IM',
  'china hong kong special administrative region': 'HK',
};
for (const [name, code] of Object.entries(EXTRA_NAMES)) NAME_TO_CODE.set(normaliseCountryName(name), code);

function normaliseCountryName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/&/g, ' and ')
    .replace(/[.,()]/g, ' ')
    .replace(/\bsar\b china/, 'sar')
    .replace(/\s+/g, ' ')
    .trim();
}

export const COUNTRY_CODES: readonly string[] = CODES;

/** True for an upper- or lower-case ISO 3166-1 alpha-2 code of a country. */
export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z]{2}$/.test(value) && CODE_SET.has(value.toUpperCase());
}
const CODE_SET = new Set(CODES);

/** English name of a code, e.g. countryName('HK') -> 'Hong Kong SAR China'. */
export function countryName(code: string): string | undefined {
  const upper = code.toUpperCase();
  return CODE_SET.has(upper) ? displayName(upper) : undefined;
}
/** Intl.DisplayNames.of costs tens of microseconds a call: remembered for the few hundred codes. */
const displayName = memoByString((upper: string) => displayNames.of(upper), 1_000);

/** ISO code for a country name or code as the lists spell it; undefined when unknown. */
export function countryCodeOf(nameOrCode: string | undefined | null): string | undefined {
  if (!nameOrCode) return undefined;
  const trimmed = nameOrCode.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && CODE_SET.has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  return NAME_TO_CODE.get(normaliseCountryName(trimmed));
}
