/**
 * Defaults that depend on another section or on the file's location. Defaults that do not are
 * in the schema itself (its `default` annotations and decoders).
 */
import { basename, dirname, extname, resolve } from 'node:path';
import type { DecodedScenario, LoopStep, ResolvedScenario } from './types.js';

type DecodedLoad = DecodedScenario['load'];
type DecodedStep = DecodedScenario['flow'][number];

export const DEFAULT_PORTS = { starttls: 5222, none: 5222, direct: 5223 } as const;

/** Most users alive at once over all phases; undefined when an open-model phase has no cap. */
export function peakUsers(load: DecodedLoad): number | undefined {
  let peak = 0;
  for (const phase of load.phases) {
    let users: number | undefined;
    if (phase.executor === 'constant-users') users = phase.users;
    else if (phase.executor === 'ramping-users') users = Math.max(phase.startUsers, ...phase.stages.map((stage) => stage.target));
    else users = phase.maxUsers ?? load.maxUsers;
    if (users === undefined) return undefined;
    peak = Math.max(peak, Math.ceil(users));
  }
  return load.maxUsers === undefined ? peak : Math.min(peak, load.maxUsers);
}

function withTimeouts(steps: readonly DecodedStep[], timeoutMs: number): ResolvedScenario['flow'] {
  return steps.map((step) => {
    if (step.kind !== 'loop') return { ...step, timeoutMs: step.timeoutMs ?? timeoutMs };
    const loop: LoopStep = { ...step, timeoutMs: step.timeoutMs ?? timeoutMs, steps: withTimeouts(step.steps, timeoutMs) };
    return loop;
  });
}

/** Call only on a scenario that passed every check (semantics guarantee the caps exist). */
export function resolveDefaults(decoded: DecodedScenario, file: string): ResolvedScenario {
  const base = dirname(resolve(file));
  const path = (relative: string | undefined) => (relative === undefined ? undefined : resolve(base, relative));
  const { target, accounts, load, options } = decoded;
  return {
    ...decoded,
    file: resolve(file),
    name: decoded.name ?? basename(file, extname(file)),
    target:
      target.kind === 'lab'
        ? target
        : {
            ...target,
            port: target.port ?? (target.host === undefined ? undefined : DEFAULT_PORTS[target.tls]),
            ca: path(target.ca),
            federateWith: target.federateWith && { ...target.federateWith, ca: path(target.federateWith.ca) },
          },
    accounts:
      accounts === undefined
        ? undefined
        : accounts.source === 'csv'
          ? { ...accounts, file: path(accounts.file)! }
          : { ...accounts, count: accounts.count ?? peakUsers(load)! },
    load: {
      maxUsers: load.maxUsers,
      phases: load.phases.map((phase, index) => {
        const name = phase.name ?? `phase ${index + 1}`;
        if (phase.executor === 'constant-users' || phase.executor === 'ramping-users') return { ...phase, name };
        return { ...phase, name, maxUsers: phase.maxUsers ?? load.maxUsers! };
      }),
    },
    flow: withTimeouts(decoded.flow, options.timeoutMs),
    options: { ...options, out: path(options.out) },
  };
}
