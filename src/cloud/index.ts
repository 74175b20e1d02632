/** Public API of cloud (IaaS) customer vetting, plain TypeScript: types, params, citations, compute, screening, checks, decide. */
export * from './types';
export * from './params';
export * from './citations';
export * from './compute';
export * from './screening';
export * from './checks';
export * from './decide';
