/**
 * Rules across keys and sections that the schema cannot express. Each check runs only on
 * sections that passed the schema, so it can trust their shape, and reports where to fix.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { peakUsers } from './defaults.js';
import type { Issue } from './explain.js';
import type { PathSegment } from './problems.js';
import { AccountsSchema } from './schema/accounts.js';
import { LoadSchema, PhaseSchema } from './schema/load.js';
import { StepSchema } from './schema/steps.js';
import { TargetSchema } from './schema/target.js';
import { ThresholdsSchema } from './schema/thresholds.js';
import { checkFlow, type StepInput } from './semantics-flow.js';
import { checkHttpLoad } from './semantics-http.js';

/** Returns a message when an expression is not valid (supplied by the caller: metrics/thresholds). */
export type ThresholdCheck = (expression: string, metric: string) => string | undefined;

type PhaseInput = Static<typeof PhaseSchema>;

/**
 * The parts of the raw value that passed the schema. Phases and steps are taken one by one so
 * one bad step does not hide the rules broken by the others; `undefined` marks an invalid one.
 */
export interface ValidSections {
  target?: Static<typeof TargetSchema>;
  accounts?: Static<typeof AccountsSchema>;
  /** The whole load section, when valid (needed for the peak number of users). */
  load?: Static<typeof LoadSchema>;
  phases: (PhaseInput | undefined)[];
  maxUsers?: number;
  flow: (StepInput | undefined)[];
  flowComplete: boolean;
  thresholds?: Static<typeof ThresholdsSchema>;
}

function valid<T extends TSchema>(schema: T, value: unknown): Static<T> | undefined {
  return value !== undefined && Value.Check(schema, value) ? (value as Static<T>) : undefined;
}

function listAt(value: unknown, key: string): unknown[] {
  const list = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? list : [];
}

export function validSections(raw: Record<string, unknown>): ValidSections {
  const flow = listAt(raw, 'flow').map((step) => valid(StepSchema, step));
  const load = raw.load as Record<string, unknown> | undefined;
  return {
    target: valid(TargetSchema, raw.target),
    accounts: valid(AccountsSchema, raw.accounts),
    load: valid(LoadSchema, raw.load),
    phases: listAt(load, 'phases').map((phase) => valid(PhaseSchema, phase)),
    maxUsers: typeof load?.max_users === 'number' ? load.max_users : undefined,
    flow,
    flowComplete: flow.length > 0 && flow.every((step) => step !== undefined),
    thresholds: valid(ThresholdsSchema, raw.thresholds),
  };
}

const issue = (path: PathSegment[], message: string, hint?: string, anchor: Issue['anchor'] = 'value'): Issue => ({ path, anchor, message, hint });

function checkTarget(target: Static<typeof TargetSchema>): Issue[] {
  if ('lab' in target) {
    // The lab's domain names are per kind: two servers of one kind would claim the same domains.
    if (target.federate_with === target.lab) return [issue(['target', 'federate_with'], `federate_with must name the other kind of server, not ${target.lab} again`, `use ${target.lab === 'prosody' ? 'ejabberd' : 'prosody'}`)];
    return [];
  }
  if (target.domain === undefined && target.domains === undefined) return [issue(['target'], "missing required key 'domain'", 'the XMPP domain under test, e.g. domain: example.org', 'container')];
  if (target.domain !== undefined && target.domains !== undefined) return [issue(['target', 'domains'], 'use either domain or domains, not both', undefined, 'key')];
  if (target.federate_with !== undefined && (target.domains?.length ?? 1) > 1) return [issue(['target', 'federate_with'], 'a two-server run has one domain per server', 'use target.domain')];
  if (target.federate_with !== undefined && [target.domain, ...(target.domains ?? [])].includes(target.federate_with.domain)) {
    return [issue(['target', 'federate_with', 'domain'], 'federate_with must be another domain than the target\'s')];
  }
  return [];
}

/** `peak`: most users alive at once, undefined when unknown (the load section has problems). */
function checkAccounts(accounts: Static<typeof AccountsSchema>, target: ValidSections['target'], peak: number | undefined): Issue[] {
  const issues: Issue[] = [];
  const source = Object.keys(accounts).find((key) => key !== 'cleanup')!;
  if (source === 'lab' && target !== undefined && !('lab' in target)) {
    issues.push(issue(['accounts', 'lab'], 'lab accounts need a lab target', "use target: { lab: prosody } or another accounts source such as 'register'", 'key'));
  }
  if (source !== 'lab' && target !== undefined && 'lab' in target && target.federate_with !== undefined) {
    issues.push(issue(['accounts', source], 'two federating lab servers need lab accounts (created on both)', 'use accounts: { lab: { count: N } }', 'key'));
  }
  if (accounts.cleanup === true && (source === 'pattern' || source === 'csv')) {
    issues.push(issue(['accounts', 'cleanup'], `cleanup would delete ${source} accounts this run did not create`, 'remove cleanup, or let the run create them (register, command, lab)'));
  }
  if (accounts.cleanup === true && 'command' in accounts && accounts.command.delete === undefined) {
    issues.push(issue(['accounts', 'command'], 'cleanup needs a delete command', 'add delete: e.g. "prosodyctl deluser {user}@{domain}"', 'key'));
  }
  const count = source === 'csv' ? undefined : (accounts as unknown as Record<string, { count?: number }>)[source]!.count;
  if (count !== undefined && peak !== undefined && count < peak) {
    issues.push(issue(['accounts', source, 'count'], `${count} accounts for up to ${peak} users at once`, `raise count to ${peak} or lower the load`));
  }
  return issues;
}

function checkPhases(phases: readonly (PhaseInput | undefined)[], maxUsers: number | undefined): Issue[] {
  const issues: Issue[] = [];
  for (const [index, phase] of phases.entries()) {
    if (phase === undefined) continue;
    const path: PathSegment[] = ['load', 'phases', index];
    if (phase.executor === 'constant-users' && phase.duration === undefined && phase.iterations === undefined) {
      issues.push(issue(path, 'needs duration or iterations', 'e.g. duration: 1m, or iterations: 1 to run the flow once per user', 'container'));
    }
    if (phase.executor === 'ramping-users' || phase.executor === 'ramping-arrival-rate') {
      const shorthand = phase.ramp_to !== undefined || phase.duration !== undefined;
      if (shorthand && phase.stages !== undefined) issues.push(issue([...path, 'stages'], 'use either ramp_to + duration or stages, not both', undefined, 'key'));
      else if (phase.stages === undefined && (phase.ramp_to === undefined || phase.duration === undefined)) {
        issues.push(issue(path, `needs ${phase.ramp_to === undefined ? 'ramp_to' : 'duration'} (or stages)`, 'e.g. ramp_to: 100 and duration: 1m', 'container'));
      }
    }
    if ((phase.executor === 'constant-arrival-rate' || phase.executor === 'ramping-arrival-rate') && phase.max_users === undefined && maxUsers === undefined) {
      issues.push(issue(path, 'needs max_users (or load.max_users)', 'an open model needs a cap on users alive at once, like k6 maxVUs', 'container'));
    }
  }
  return issues;
}

function checkThresholds(thresholds: Static<typeof ThresholdsSchema>, check: ThresholdCheck): Issue[] {
  return Object.entries(thresholds).flatMap(([metric, rules]) =>
    (typeof rules === 'string' ? [rules] : rules).flatMap((rule, index) => {
      const problem = check(typeof rule === 'string' ? rule : rule.threshold, metric);
      const path: PathSegment[] = typeof rules === 'string' ? ['thresholds', metric] : typeof rule === 'string' ? ['thresholds', metric, index] : ['thresholds', metric, index, 'threshold'];
      return problem === undefined ? [] : [issue(path, problem, "e.g. 'p(99) < 500ms'")];
    }),
  );
}

/** A scenario does load (flow + accounts), conformance checks, or both. */
function checkParts(raw: Record<string, unknown>): Issue[] {
  if (raw.flow === undefined && raw.checks === undefined && raw.http_load === undefined) {
    return [issue([], "needs a 'flow' (load), 'checks' (conformance), or both", 'e.g. checks: { select: [stream] }, or flow: [login] (or http_load: phases)', 'container')];
  }
  if (raw.flow !== undefined && raw.accounts === undefined) return [issue([], "missing required key 'accounts'", 'a flow needs accounts for its users', 'container')];
  if (raw.flow === undefined && raw.load !== undefined) return [issue(['load'], 'load phases need a flow to run', 'add flow:, or remove load:', 'key')];
  return [];
}

export function checkSemantics(raw: Record<string, unknown>, checkThreshold?: ThresholdCheck): Issue[] {
  const sections = validSections(raw);
  const { target, accounts, thresholds } = sections;
  const phaseIssues = checkPhases(sections.phases, sections.maxUsers);
  // The peak number of users is only known when the whole load section is sound; no load is one user.
  const soundLoad = phaseIssues.length === 0 ? sections.load : undefined;
  const peak = raw.load === undefined ? 1 : soundLoad === undefined ? undefined : peakUsers(Value.Decode(LoadSchema, soundLoad));
  return [
    ...checkParts(raw),
    ...(target === undefined ? [] : checkTarget(target)),
    ...(accounts === undefined ? [] : checkAccounts(accounts, target, peak)),
    ...phaseIssues,
    ...checkHttpLoad(raw),
    ...checkFlow(sections.flow, target, sections.flowComplete, raw.peers !== undefined),
    ...(thresholds === undefined || checkThreshold === undefined ? [] : checkThresholds(thresholds, checkThreshold)),
  ];
}
