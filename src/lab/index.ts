import { GauntletError } from '../util/errors.js';
import { startEjabberd } from './ejabberd.js';
import { startJabberd2 } from './jabberd2.js';
import { startProsody } from './prosody.js';
import type { LabServer, LabStartOptions, ServerKind } from './types.js';

/** Registry key = `gauntlet lab up` word = file name. */
const STARTERS: Record<ServerKind, (options?: LabStartOptions) => Promise<LabServer>> = {
  prosody: startProsody,
  ejabberd: startEjabberd,
  jabberd2: startJabberd2,
};

/** Starts a throwaway lab server of the given kind on loopback. */
export async function startLab(kind: ServerKind, options?: LabStartOptions): Promise<LabServer> {
  const start = STARTERS[kind];
  if (!start) {
    throw new GauntletError('usage', `no lab server of kind "${kind}"`, { hint: `choose one of: ${Object.keys(STARTERS).join(', ')}` });
  }
  return start(options);
}

export type { LabAccount, LabServer, LabStartOptions, ServerKind, VariantName } from './types.js';
/** The process-wide lab CA and loopback DNS, for simulated s2s peers (src/s2s) against lab targets. */
export { labCa, persistentCa, type LabCa } from './ca.js';
export { labDns, startDnsServer, type LabDns } from './dns.js';
