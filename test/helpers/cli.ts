/** Running the `gauntlet` CLI from integration tests. */
import { join } from 'node:path';
import { main } from '../../src/cli/program.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The bundled smoke scenario. */
export const SMOKE_SCENARIO = join(ROOT, 'scenarios', 'smoke.yaml');
/** The built executable, for tests that need a real child process (signals). */
export const GAUNTLET_BIN = join(ROOT, 'bin', 'gauntlet');

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `gauntlet` in-process (no build needed) with stdout and stderr captured. */
export async function gauntlet(args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const saved = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((err += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'gauntlet', ...args]);
    return { code, out, err };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.exitCode = undefined;
  }
}
