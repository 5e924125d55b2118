import { peakUsers, type Scenario } from '../scenario/index.js';
import { GauntletError } from '../util/errors.js';

/**
 * Two simulated users must never share an account. The scenario room checks this for numbered
 * sources; a CSV file's length is only known once it has been read.
 */
export function checkEnoughAccounts(scenario: Scenario, accounts: number): void {
  const peak = peakUsers(scenario.load as Parameters<typeof peakUsers>[0]);
  if (peak === undefined || accounts >= peak) return;
  throw new GauntletError('config', `the load needs up to ${peak} users at once but only ${accounts} accounts are available`, {
    hint: scenario.accounts?.source === 'csv' ? `add accounts to ${scenario.accounts.file} or lower the load` : 'raise accounts count or lower the load',
  });
}
