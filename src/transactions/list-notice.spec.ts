/**
 * A list match shows the listing's own Federal Register notice and start date (issue 12), from the real
 * shared Entity List file (trade.gov CSL columns `federal_register_notice`, `start_date`).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseListFile } from '../lists/parse';
import { ScreeningIndex } from '../screening';
import { sharedListsDirectory } from '../screening/shared-lists.testing';
import { screenTargets } from '../decision';

describe("list match: the listing's Federal Register notice and start date", () => {
  const file = join(sharedListsDirectory(), 'us-csl-entity-list-2026-07.csv');
  const parsed = parseListFile('csl-csv', { data: readFileSync(file), fileName: 'us-csl-entity-list-2026-07.csv' });
  const index = ScreeningIndex.build(parsed.entries);

  it('the CSL parser keeps them', () => {
    const e = parsed.entries.find((x) => x.name === 'Inspur Electronic Information (Hong Kong) Co., Ltd.')!;
    expect(e).toMatchObject({ source: 'EL', federalRegisterNotice: '90 FR 14048, 3/28/25', startDate: '2025-03-28' });
    expect(parsed.entries.filter((x) => x.federalRegisterNotice).length).toBeGreaterThan(parsed.entries.length * 0.9);
  });

  it('a screening match carries them', () => {
    const m = index.screen({ name: 'Inspur Electronic Information (Hong Kong) Co., Ltd.', type: 'entity', country: 'HK' }).matches[0];
    expect(m).toMatchObject({
      source: 'EL',
      name: 'Inspur Electronic Information (Hong Kong) Co., Ltd.',
      federalRegisterNotice: '90 FR 14048, 3/28/25',
      startDate: '2025-03-28',
    });
  });

  it('the PARTY_LIST_MATCH reason shows them in its evidence and cites the notice', () => {
    const { reasons } = screenTargets(
      [{ subject: 'buyer', query: { name: 'Inspur Electronic Information (Hong Kong) Co., Ltd.', type: 'entity', country: 'HK' } }],
      (q) => index.screen(q),
      0.9,
    );
    const r = reasons.find((x) => x.code === 'PARTY_LIST_MATCH')!;
    expect(r.evidence).toMatchObject({ federalRegisterNotice: '90 FR 14048, 3/28/25', startDate: '2025-03-28' });
    expect(r.citation).toBe('15 CFR 744.11; Supp. No. 4 to Part 744; listed by 90 FR 14048, 3/28/25 (in force from 2025-03-28)');
    expect(r.message).toMatch(/listed by 90 FR 14048, 3\/28\/25 from 2025-03-28/);
  });
});
