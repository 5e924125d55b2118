export { httpHealth } from './health.js';
export { MAX_PHASE_MS, runHttpPhase, type HttpPhaseContext, type HttpPhaseOutcome, type HttpPhaseTargets } from './phase.js';
export type { HttpTrust } from './trust.js';
export type { Slot } from './upload.js';
