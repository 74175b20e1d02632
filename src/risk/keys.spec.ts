import { addressKey, buyerKey, groupStem, relatedKeys, sameGroup } from './keys';
import { countriesMentioned } from './text';
import { cleanOrder } from './fakes.testing';

describe('buyerKey', () => {
  it('drops case, punctuation and legal forms', () => {
    expect(buyerKey('Acme Computing Co., Ltd.')).toBe('acme computing');
    expect(buyerKey('ACME COMPUTING LIMITED')).toBe('acme computing');
    expect(buyerKey('Hao Global, L.L.C.')).toBe('hao global');
    expect(buyerKey('Société Générale S.A.')).toBe('societe generale');
  });
  it('never empties a name made of legal tokens only', () => {
    expect(buyerKey('The Company Ltd')).toBe('the company ltd');
  });
});

describe('groupStem / sameGroup', () => {
  it('strips country and group-layer words', () => {
    expect(groupStem('Microsoft Singapore Pte Ltd')).toBe('microsoft');
    expect(groupStem('Acme Asia Pacific Holdings Ltd')).toBe('acme');
    expect(groupStem('Hong Kong Trading Ltd')).toBe('hong kong trading'); // stem too short -> full key
  });
  it('links a Singapore billing subsidiary to its US parent by name or ultimateParentName', () => {
    const us = { name: 'Microsoft Corporation', country: 'US' };
    expect(sameGroup({ name: 'Microsoft Singapore Pte Ltd', country: 'SG' }, us)).toBe(true);
    expect(sameGroup({ name: 'MS Regional Sales Pte Ltd', country: 'SG', ultimateParentName: 'Microsoft Corp', ultimateParentCountry: 'US' }, us)).toBe(true);
    expect(sameGroup({ name: 'Acme Cloud Services', country: 'SG' }, { name: 'Acme Inc', country: 'US' })).toBe(true);
  });
  it('countries alone, or contradicting parent countries, make no group', () => {
    expect(sameGroup({ name: 'Lion Trading Pte Ltd', country: 'SG', ultimateParentCountry: 'US' }, { name: 'Acme Inc', country: 'US' })).toBe(false);
    expect(sameGroup({ name: 'Acme Singapore', ultimateParentCountry: 'CN' }, { name: 'Acme Inc', ultimateParentCountry: 'US' })).toBe(false);
    expect(sameGroup({ name: 'X Ltd', ultimateParentName: 'Acme Inc', ultimateParentCountry: 'CN' }, { name: 'Acme Inc', country: 'US' })).toBe(false);
  });
});

describe('relatedKeys', () => {
  it('keys buyer, bill-to and payer names, addresses and identifiers; not a data-centre ship-to', () => {
    const o = cleanOrder();
    o.buyer.identifiers = [{ type: 'LEI', value: '5299-00AB CD' }];
    o.payment = { payerName: 'Rich Uncle Ltd' };
    const k = relatedKeys(o);
    expect(k.buyerKey).toBe('hansa compute');
    expect(k.keys).toEqual(expect.arrayContaining(['n:hansa compute', 'n:rich uncle', 'i:lei:529900abcd']));
    expect(k.keys.some((x) => x.startsWith('a:DE:mainzer landstrasse'))).toBe(true);
    expect(k.keys.some((x) => x.includes('hanauer'))).toBe(false); // ship-to is a data centre
    o.attributes!.siteType = 'warehouse';
    expect(relatedKeys(o).keys.some((x) => x.includes('hanauer'))).toBe(true);
  });
  it('ignores addresses too short to identify a place', () => {
    expect(addressKey('Rm 1', 'HK')).toBeUndefined();
  });
});

describe('countriesMentioned', () => {
  it('finds names and beneficiary demonyms, skips negations and languages', () => {
    expect(
      countriesMentioned('Resale to customers in Hong Kong and mainland China')
        .map((m) => m.code)
        .sort(),
    ).toEqual(['CN', 'HK']);
    expect(countriesMentioned('GPU capacity for Chinese customers').map((m) => m.code)).toEqual(['CN']);
    expect(countriesMentioned('Training a Chinese-language LLM')).toEqual([]);
    expect(countriesMentioned('Not for use in China or Russia')).toEqual([]);
    expect(countriesMentioned('Data centre in Atlanta, Georgia')).toEqual([]);
  });
});
