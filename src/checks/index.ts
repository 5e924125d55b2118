/** The checks room's public surface: the catalogue, selection, the runner and account sources. */
export { CATALOGUE } from './registry.js';
export { parseSelectors, selectChecks, type CheckSelection } from './selection.js';
export { runChecks, type RunChecksOptions } from './runner.js';
export { labAccounts, registeredAccounts, suppliedAccounts, type AccountProvider } from './accounts.js';
export { levelOf, verdictFor, verdictOf } from './verdict.js';
export { labTarget } from './lab-target.js';
export { ruleLine, rulesText } from './rules/describe.js';
export type { PeerSupport } from './context.js';
export type * from './types.js';
export { requirementChecks } from './requirements/index.js';
export { REQUIREMENT_NAMES } from './requirements/names.js';
