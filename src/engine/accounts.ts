import { peakUsers, type Scenario } from '../scenario/index.js';
import { GauntletError } from '../util/errors.js';
import { WHOLE, formatSegment, shareOf, type Segment } from '../util/segment.js';

/**
 * Two simulated users must never share an account. The scenario room checks this for numbered
 * sources; a CSV file's length is only known once it has been read. A segment needs accounts for
 * its share of the peak (its stripe of the accounts).
 */
export function checkEnoughAccounts(scenario: Scenario, accounts: number, segment: Segment = WHOLE): void {
  const total = peakUsers(scenario.load as Parameters<typeof peakUsers>[0]);
  const peak = total === undefined ? undefined : shareOf(segment, total);
  if (peak === undefined || accounts >= peak) return;
  const whose = segment.count > 1 ? `segment ${formatSegment(segment)} needs up to ${peak} users at once` : `the load needs up to ${peak} users at once`;
  throw new GauntletError('config', `${whose} but only ${accounts} accounts are available`, {
    hint: scenario.accounts?.source === 'csv' ? `add accounts to ${scenario.accounts.file} or lower the load` : 'raise accounts count or lower the load',
  });
}
