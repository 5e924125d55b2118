/** Rules about the flow that one schema cannot say (pairs of keys, step order, TLS and passwords). */
import type { Static } from '@sinclair/typebox';
import { parseDuration } from '../util/duration.js';
import type { Issue } from './explain.js';
import type { PathSegment } from './problems.js';
import type { StepSchema } from './schema/steps.js';
import type { TargetSchema } from './schema/target.js';

export type StepInput = Static<typeof StepSchema>;
type Params = Record<string, unknown>;

interface StepAt {
  name: string;
  /** What follows the step's name: options map, shorthand string, or nothing. */
  value: unknown;
  params: Params;
  path: PathSegment[];
}

/** Every step in order, loop bodies inline; bare steps (`- login`) have no options. */
function* stepsOf(steps: readonly (StepInput | undefined)[], prefix: PathSegment[]): Generator<StepAt> {
  for (const [index, step] of steps.entries()) {
    if (step === undefined) continue;
    const path = [...prefix, index];
    if (typeof step === 'string') {
      yield { name: step, value: null, params: {}, path };
      continue;
    }
    const [name, value] = Object.entries(step)[0]!;
    const params = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Params) : {};
    yield { name, value, params, path: [...path, name] };
    if (name === 'loop') yield* stepsOf(params.steps as StepInput[], [...path, name, 'steps']);
  }
}

const SESSIONLESS = new Set(['login', 'think', 'wait', 'loop']);

/** `flow` holds undefined for steps that failed the schema; step order is checked only when none did. */
export function checkFlow(
  flow: readonly (StepInput | undefined)[],
  target: Static<typeof TargetSchema> | undefined,
  complete: boolean,
  hasPeers: boolean,
): Issue[] {
  const issues: Issue[] = [];
  const problem = (path: PathSegment[], message: string, hint?: string, anchor: Issue['anchor'] = 'value') =>
    issues.push({ path, anchor, message, hint });
  const tls = target === undefined || 'lab' in target ? undefined : (target.tls ?? 'starttls');
  const cleartextAllowed = target !== undefined && !('lab' in target) && target.allow_cleartext_auth === true;
  let loggedIn = false;

  for (const { name, value, params, path } of stepsOf(flow, ['flow'])) {
    if (name === 'login') loggedIn = true;
    else if (complete && !loggedIn && !SESSIONLESS.has(name)) {
      problem(path, `'${name}' runs before any login`, "add '- login' before it", 'container');
      loggedIn = true;
    }
    switch (name) {
      case 'login': {
        const mechanism = params.mechanism;
        if (tls === 'none' && mechanism === 'PLAIN' && !cleartextAllowed) {
          problem([...path, 'mechanism'], 'PLAIN over an unencrypted stream sends the password in clear', 'use tls: starttls, or set target.allow_cleartext_auth: true if that is really meant');
        }
        if (tls === 'none' && typeof mechanism === 'string' && mechanism.endsWith('-PLUS')) {
          problem([...path, 'mechanism'], `${mechanism} binds to the TLS channel but target.tls is none`, 'use a mechanism without -PLUS, or TLS');
        }
        break;
      }
      case 'message':
        if (params.body !== undefined && params.size !== undefined) problem([...path, 'size'], 'use either body or size, not both');
        break;
      case 'loop':
        if ((params.count === undefined) === (params.duration === undefined)) {
          problem(path, params.count === undefined ? 'needs count or duration' : 'use either count or duration, not both', undefined, 'container');
        }
        break;
      case 'iq': {
        const request = typeof value === 'string' ? value : params.request;
        if (typeof request === 'string' && request !== 'ping' && !request.trimStart().startsWith('<')) {
          problem(typeof value === 'string' ? path : [...path, 'request'], `'${request}' is neither ping nor XML`, "write 'ping' or the raw <iq/> to send");
        }
        break;
      }
      case 'think': {
        const uniform = params.uniform;
        if (Array.isArray(uniform) && parseDuration(uniform[0]) > parseDuration(uniform[1])) {
          problem([...path, 'uniform'], 'the shortest pause is longer than the longest', 'write [min, max]');
        }
        break;
      }
    }
    for (const key of ['as', 'to'] as const) {
      if (!hasPeers && params[key] === 'peer') {
        problem([...path, key], `'${key}: peer' names a simulated remote user, but the scenario has no peers`, 'add a peers: section, e.g. peers: { count: 1 }');
      }
    }
  }
  return issues;
}
