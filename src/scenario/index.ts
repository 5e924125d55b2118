/** Public face of the scenario room. */
export { loadScenarioFile, loadScenarioText, type LoadOptions } from './loader.js';
export { scenarioJsonSchema, JSON_SCHEMA_DIALECT } from './json-schema.js';
export { redactScenario, type Redacted } from './redact.js';
export { Secret, REDACTED } from './secret.js';
export { ScenarioError, formatProblem, type Problem } from './problems.js';
export type { ThresholdCheck } from './semantics.js';
export type { Environment } from './env.js';
export type { Scenario, Step, StepKind, LoopStep, Phase, HttpPhase, Target, Accounts } from './types.js';
export { STEP_KINDS } from './schema/steps.js';
export { EXECUTORS } from './schema/load.js';
export { peakUsers, DEFAULT_PORTS } from './defaults.js';
export { outlineScenario } from './outline.js';
