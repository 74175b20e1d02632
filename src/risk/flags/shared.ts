/** Helpers the red-flag detectors share. */
import type { Severity } from '../../common/reason';
import type { DerivedFacts, RedFlagHit, RiskContext } from '../types';

/** Evidence of deception blocks orders with controlled items; for anything else it is held for review. */
export const deceptionSeverity = (f: DerivedFacts): Severity => (f.anyControlled ? 'deny' : 'review');

export const attrs = (ctx: RiskContext) => ctx.order.attributes ?? {};

export const hits = (list: RedFlagHit[]) => (list.length ? list : undefined);
