import { spawn } from 'node:child_process';

/** Debian's hook that invoke-rc.d asks before starting a service; exit 101 means "don't". */
export const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/**
 * Runs as root with the package names as arguments. The packages' own services stay stopped
 * (the lab and the tests start their own instances); an existing policy-rc.d is left alone.
 */
const ROOT_SCRIPT = [
  'set -e',
  `policy=${POLICY_RC_D}`,
  'if [ ! -e "$policy" ]; then',
  "  printf '#!/bin/sh\\nexit 101\\n' > \"$policy\"; chmod +x \"$policy\"; trap 'rm -f \"$policy\"' EXIT",
  'fi',
  'apt-get update',
  'DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"',
].join('\n');

export interface InstallPlan {
  /** The command spawned: the root script, through sudo unless already root. */
  argv: string[];
  /** The same install as a person would type it (without the service guard). */
  manual: string;
  asRoot: boolean;
}

export function installPlan(names: readonly string[], asRoot: boolean): InstallPlan {
  const sudo = asRoot ? '' : 'sudo ';
  return {
    argv: [...(asRoot ? [] : ['sudo', '--']), 'sh', '-c', ROOT_SCRIPT, 'gauntlet-setup', ...names],
    manual: `${sudo}apt-get update && ${sudo}DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${names.join(' ')}`,
    asRoot,
  };
}

/** Runs the plan with the terminal attached (apt's progress, sudo's password prompt); its exit code. */
export function runInstall(plan: InstallPlan, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const [command, ...args] = plan.argv as [string, ...string[]];
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.once('error', () => resolve(127));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
