import type { Step } from '../../scenario/index.js';
import type { UserContext } from '../context.js';

export type StepOf<K extends Step['kind']> = Extract<Step, { kind: K }>;

/** One step of the vocabulary: what it does for one user. Failures are thrown, never swallowed. */
export type StepRun<K extends Step['kind']> = (ctx: UserContext, step: StepOf<K>) => Promise<void>;
