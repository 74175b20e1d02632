import { dedupeReasons, outcomeOf, Reason, sortReasons } from './reason';

const r = (code: string, severity: Reason['severity'], subject = 'order'): Reason => ({ code, severity, message: code, citation: '-', subject, evidence: {} });

describe('reasons', () => {
  it('the most restrictive reason decides; info alone allows; nothing allows', () => {
    expect(outcomeOf([])).toBe('allow');
    expect(outcomeOf([r('A', 'info')])).toBe('allow');
    expect(outcomeOf([r('A', 'info'), r('B', 'review')])).toBe('review');
    expect(outcomeOf([r('B', 'review'), r('C', 'deny'), r('A', 'info')])).toBe('deny');
  });
  it('sorts most severe first, keeping the order within a severity', () => {
    expect(sortReasons([r('I1', 'info'), r('R1', 'review'), r('D1', 'deny'), r('R2', 'review')]).map((x) => x.code)).toEqual(['D1', 'R1', 'R2', 'I1']);
  });
  it('says the same reason once, but keeps it per subject', () => {
    expect(dedupeReasons([r('A', 'review', 'buyer'), r('A', 'review', 'buyer'), r('A', 'review', 'endUser')]).map((x) => x.subject)).toEqual([
      'buyer',
      'endUser',
    ]);
  });
});
