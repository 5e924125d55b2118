import { startProsody } from './prosody.js';
import type { LabServer, LabStartOptions, ServerKind } from './types.js';

/** Registry key = `gauntlet lab up` word = file name. */
const STARTERS: Partial<Record<ServerKind, (options?: LabStartOptions) => Promise<LabServer>>> = {
  prosody: startProsody,
};

export async function startLab(kind: ServerKind, options?: LabStartOptions): Promise<LabServer> {
  const start = STARTERS[kind];
  if (!start) throw new Error(`no lab starter for ${kind}`);
  return start(options);
}

export type { LabServer, LabStartOptions, ServerKind, VariantName, LabAccount } from './types.js';
