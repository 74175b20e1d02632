import { foldText, looksLikeAddress, normaliseAddress, normaliseName, partyKey } from './normalise';
import { osaDistance, phoneticKey, typoSimilarity } from './similarity';

const toks = (s: string) => normaliseName(s).tokens.map((t) => t.t);

describe('normaliseName', () => {
  it('1. folds case, diacritics, special letters and non-Latin scripts', () => {
    expect(foldText('Électrónica Müller')).toBe('electronica muller');
    expect(foldText('Łódź Straße Ærø')).toBe('lodz strasse aero');
    expect(foldText('ООО Ромашка')).toBe('ooo romashka');
    expect(foldText('мохаммад джавад')).toBe('mohammad javad');
    expect(foldText('华为')).toMatch(/hua ?wei/i);
  });

  it('2. punctuation: apostrophes, dotted acronyms, A&B, &', () => {
    expect(toks("People's Bank")).toEqual(['peoples', 'bank']);
    expect(toks('U.S.A. Trading')).toEqual(['usa', 'trading']);
    expect(toks('AT&T Inc.')).toEqual(['att']);
    expect(toks('Smith & Wesson')).toEqual(['smith', 'wesson']);
  });

  it('3. marks parenthesised tokens', () => {
    const n = normaliseName('Inspur Electronic Information (Hong Kong) Co., Ltd.');
    expect(n.tokens.filter((t) => t.paren).map((t) => t.t)).toEqual(['hongkong']);
  });

  it('4. drops legal forms per language, ambiguous ones only at the edges', () => {
    for (const s of [
      'Acme Co., Ltd.',
      'Acme Company Limited',
      'ACME CO LTD',
      'Acme LLC',
      'Acme GmbH',
      'OOO Acme',
      'Acme JSC',
      'Acme Pte. Ltd.',
      'Acme Sdn. Bhd.',
      'Acme S.A.',
      'Joint Stock Company Acme',
      'Acme Limited Liability Company',
      'Acme Youxian Gongsi',
    ]) {
      expect(toks(s)).toEqual(['acme']);
    }
    expect(normaliseName('Acme Co., Ltd.').legal).toEqual(['co', 'ltd']);
    // "AG" is a legal form at the start or end only
    expect(toks('Holding AG Bayer')).toContain('ag');
    expect(toks('Bayer AG')).toEqual(['bayer']);
    // a name made only of legal words keeps them
    expect(toks('Limited Company')).toEqual(['limited', 'company']);
  });

  it('4b. queries drop long legal words with one typo', () => {
    expect(normaliseName('Seven Star Cympany', { fuzzyLegal: true }).tokens.map((t) => t.t)).toEqual(['7', 'star']);
    expect(toks('Seven Star Cympany')).toContain('cympany');
  });

  it('5. phrase canon: Hong Kong / HK, imp & exp, sci tech', () => {
    expect(toks('Acme (HK) Ltd')).toEqual(['acme', 'hongkong']);
    expect(toks('Acme Hong Kong Ltd')).toEqual(['acme', 'hongkong']);
    expect(toks('Hebei Imp & Exp Co')).toEqual(['hebei', 'import', 'export']);
  });

  it('6. drops stopwords', () => {
    expect(toks('The Bank of the East')).toEqual(['bank', 'east']);
    expect(toks('Banco de la Nacion')).toEqual(['bank', 'nacion']);
  });

  it('7. canonicalises abbreviations and inflections', () => {
    expect(toks('Inspur Electronic Info Industry')).toEqual(toks('Inspur Electronics Information Industries'));
    expect(toks('Biren Tech Intl')).toEqual(['biren', 'technology', 'international']);
    expect(toks('CETC 13th Research Inst.')).toEqual(['cetc', '13', 'research', 'institute']);
  });

  it('8. classes: generic, place, number, core', () => {
    const n = normaliseName('Shenzhen Kaifa Technology 3');
    expect(n.tokens.map((t) => t.cls)).toEqual(['place', 'core', 'generic', 'number']);
  });
});

describe('partyKey', () => {
  it('is the same for suffix, case, punctuation and word-order variants', () => {
    expect(partyKey('Acme Co., Ltd.', 'cn')).toBe(partyKey('ACME CO LTD', 'CN'));
    expect(partyKey('SMITH, John')).toBe(partyKey('John Smith'));
    expect(partyKey('Acme', 'CN')).not.toBe(partyKey('Acme', 'HK'));
  });
});

describe('addresses', () => {
  it('normalises 16/F, Rd, Wan Chai, Hong Kong', () => {
    const a = normaliseAddress('Unit D, 16/F One Capital Place, 18 Luard Rd, Wan Chai, Hong Kong').map((t) => t.t);
    const b = normaliseAddress('UNIT D 16TH FLOOR ONE CAPITAL PLACE 18 LUARD ROAD WANCHAI HK').map((t) => t.t);
    expect(a).toEqual(b);
  });
  it('tells addresses from names', () => {
    expect(looksLikeAddress('Room 803, Chevalier House, 45-51 Chatham Road South')).toBe(true);
    expect(looksLikeAddress('Inspur Group Co., Ltd.')).toBe(false);
  });
});

describe('similarity helpers', () => {
  it('edit distance with transpositions', () => {
    expect(osaDistance('inspur', 'inspru', 2)).toBe(1);
    expect(osaDistance('kaifa', 'huawei', 2)).toBe(3);
  });
  it('typo similarity refuses short tokens', () => {
    expect(typoSimilarity(1, 4)).toBe(0);
    expect(typoSimilarity(1, 10)).toBeGreaterThanOrEqual(0.9);
  });
  it('phonetic key unifies romanisation variants', () => {
    expect(phoneticKey('obshchestvo')).toBe(phoneticKey('obschestvo'));
    expect(phoneticKey('mueller')).toBe(phoneticKey('muller'));
    expect(phoneticKey('acme')).not.toBe(phoneticKey('yakima'));
  });
});
