/**
 * The decision kernel: what every decision shares (transactions, cloud customers, later accounts).
 * Plain TypeScript; the Nest shell is DecisionRecorder (decision-recorder.service.ts), which stores a decision.
 */
export * from './list-state';
export * from './party-screening';
export * from './assemble';
export * from './list-consequences';
export * from './owners';
export * from './check';
