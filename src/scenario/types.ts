/**
 * The types the rest of the program sees, all derived from the schema: what `decode` builds from
 * the YAML, with the defaults that depend on other sections filled in (see defaults.ts).
 */
import type { StaticDecode } from '@sinclair/typebox';
import type { Secret } from './secret.js';
import type { ScenarioSchema } from './schema/scenario.js';
import type { StepSchema } from './schema/steps.js';

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type DeepReadonly<T> = T extends Secret | ((...args: never[]) => unknown)
  ? T
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type DecodedScenario = StaticDecode<typeof ScenarioSchema>;
type DecodedStep = StaticDecode<typeof StepSchema>;
type DecodedLoop = Extract<DecodedStep, { kind: 'loop' }>;

type Timed<S> = S extends unknown ? Simplify<Omit<S, 'timeoutMs'> & { timeoutMs: number }> : never;

export interface LoopStep extends Omit<DecodedLoop, 'timeoutMs' | 'steps'> {
  timeoutMs: number;
  steps: ResolvedStep[];
}

type ResolvedStep = Timed<Exclude<DecodedStep, { kind: 'loop' }>> | LoopStep;
type DecodedPhase = DecodedScenario['load']['phases'][number];
type ResolvedPhase = DecodedPhase extends infer P
  ? P extends { maxUsers?: number }
    ? Simplify<Omit<P, 'name' | 'maxUsers'> & { name: string; maxUsers: number }>
    : Simplify<Omit<P, 'name'> & { name: string }>
  : never;
type ResolvedAccounts = NonNullable<DecodedScenario['accounts']> extends infer A
  ? A extends { count?: number }
    ? Simplify<Omit<A, 'count'> & { count: number }>
    : A
  : never;

export interface ResolvedScenario extends Omit<DecodedScenario, 'name' | 'accounts' | 'load' | 'flow'> {
  /** Absolute path of the scenario file (or the name given to loadScenarioText). */
  file: string;
  name: string;
  /** Absent in a checks-only scenario (no flow). */
  accounts?: ResolvedAccounts;
  load: { maxUsers?: number; phases: ResolvedPhase[] };
  flow: ResolvedStep[];
}

/** A loaded scenario: typed, defaults applied, paths absolute, deeply frozen. */
export type Scenario = DeepReadonly<ResolvedScenario>;
/** One step of the flow; switch on `kind` (the YAML word). */
export type Step = DeepReadonly<ResolvedStep>;
export type Phase = DeepReadonly<ResolvedPhase>;
/** One `http_load` phase; switch on `endpoint`. */
export type HttpPhase = Scenario['httpLoad'][number];
export type Target = Scenario['target'];
export type Accounts = NonNullable<Scenario['accounts']>;
export type StepKind = Step['kind'];
