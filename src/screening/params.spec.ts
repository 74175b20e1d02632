import { loadConfig } from '../config/config';
import { ADDRESS_WEIGHTS } from './normalise';
import { ADDRESS, countriesAgree, DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD, TOKEN_SIM } from './params';
import { typoSimilarity } from './similarity';

describe('screening params: one place for each tuning number', () => {
  it('the service configuration takes its threshold defaults from params.ts', () => {
    const c = loadConfig({});
    expect(c.screenMatchThreshold).toBe(DEFAULT_MATCH_THRESHOLD);
    expect(c.screenReviewThreshold).toBe(DEFAULT_REVIEW_THRESHOLD);
    expect(loadConfig({ SCREEN_REVIEW_THRESHOLD: '0.7' }).screenReviewThreshold).toBe(0.7);
  });

  it('address weights and typo similarities are the ones of params.ts', () => {
    expect(ADDRESS_WEIGHTS).toBe(ADDRESS.weights);
    expect(typoSimilarity(1, 8)).toBe(TOKEN_SIM.typo1Len8);
    expect(typoSimilarity(1, 6)).toBe(TOKEN_SIM.typo1Len6);
    expect(typoSimilarity(2, 9)).toBe(TOKEN_SIM.typo2Len9);
    expect(typoSimilarity(2, 8)).toBe(0);
  });

  it('Hong Kong and Macau agree with China, other countries only with themselves', () => {
    expect(countriesAgree('HK', 'CN')).toBe(true);
    expect(countriesAgree('MO', 'HK')).toBe(true);
    expect(countriesAgree('TW', 'CN')).toBe(false);
  });
});
