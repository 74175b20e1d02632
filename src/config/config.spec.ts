import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives documented defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe('sqlite:var/chipguard.sqlite');
    expect(c.autoUpdate).toBe(true);
    expect(c.screenMatchThreshold).toBeGreaterThan(c.screenReviewThreshold);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['LOG_LEVEL', 'loud'],
    ['CHIPGUARD_AUTO_UPDATE', 'maybe'],
    ['SCREEN_MATCH_THRESHOLD', '1.5'],
    ['BODY_LIMIT', 'lots'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });

  it('AFFILIATES_RULE_AFTER_SUSPENSION: in_force by default (the stricter reading), suspended on request, anything else stops', () => {
    expect(loadConfig({}).affiliatesAfterSuspension).toBe('in_force');
    expect(loadConfig({ AFFILIATES_RULE_AFTER_SUSPENSION: 'suspended' }).affiliatesAfterSuspension).toBe('suspended');
    expect(() => loadConfig({ AFFILIATES_RULE_AFTER_SUSPENSION: 'maybe' })).toThrow(/AFFILIATES_RULE_AFTER_SUSPENSION/);
  });

  it('rejects a review threshold above the match threshold', () => {
    expect(() => loadConfig({ SCREEN_MATCH_THRESHOLD: '0.5', SCREEN_REVIEW_THRESHOLD: '0.6' })).toThrow(/SCREEN_REVIEW_THRESHOLD/);
  });
});
