/**
 * `load:` — phases run one after another, each driven by one executor (arrival model).
 * Closed models (`*-users`) keep N users looping over the flow; open models (`*-arrival-rate`)
 * start one flow iteration per arrival, whatever the server's speed.
 */
import { Type, type StaticDecode } from '@sinclair/typebox';
import { Decoded, Duration, PositiveInteger, Strict } from './base.js';

export const EXECUTORS = ['constant-users', 'ramping-users', 'constant-arrival-rate', 'ramping-arrival-rate'] as const;

/** Without `load:`, one user runs the flow once. */
export const DEFAULT_LOAD = { phases: [{ executor: 'constant-users', users: 1, iterations: 1 }] } as const;

const name = Type.Optional(Type.String({ minLength: 1, description: 'Label of the phase in reports' }));
const gracefulStop = Type.Optional(
  Duration({ description: "How long iterations in flight at the phase end may take to finish before they are stopped (k6's gracefulStop; default 30s)" }),
);
const rate = (description: string) => Type.Number({ minimum: 0, description: `${description} (new users per second)` });
const maxUsers = Type.Optional(PositiveInteger({ description: 'Most users alive at once in this phase; arrivals beyond it are counted as dropped' }));

const Stage = Decoded(
  Strict({
    duration: Duration({ description: 'Length of the stage' }),
    target: Type.Number({ minimum: 0, description: 'Value reached at the end of the stage' }),
  }),
  ({ duration, target }) => ({ durationMs: duration, target }),
);

const ramp = {
  ramp_to: Type.Optional(Type.Number({ minimum: 0, description: 'Value reached at the end of `duration` (or use stages)' })),
  duration: Type.Optional(Duration({ description: 'Length of the ramp' })),
  stages: Type.Optional(Type.Array(Stage, { minItems: 1, description: 'Successive linear ramps, each to `target` over `duration`' })),
};

type RampInput = { ramp_to?: number; duration?: number; stages?: { durationMs: number; target: number }[] };

/** `ramp_to` + `duration` is shorthand for a single stage. */
function stagesOf(input: RampInput) {
  return input.stages ?? [{ durationMs: input.duration!, target: input.ramp_to! }];
}

const ConstantUsers = Decoded(
  Strict({
    executor: Type.Literal('constant-users'),
    name,
    users: PositiveInteger({ description: 'Users kept alive, each running the flow in a loop' }),
    duration: Type.Optional(Duration({ description: 'Length of the phase' })),
    iterations: Type.Optional(PositiveInteger({ description: 'Flow iterations per user (the phase ends when all are done or duration ends)' })),
    graceful_stop: gracefulStop,
  }),
  (input) => ({ executor: input.executor, name: input.name, users: input.users, durationMs: input.duration, iterations: input.iterations, gracefulStopMs: input.graceful_stop }),
);

const RampingUsers = Decoded(
  Strict({
    executor: Type.Literal('ramping-users'),
    name,
    users: Type.Optional(Type.Integer({ minimum: 0, description: 'Users at the start (default 0)' })),
    ...ramp,
    graceful_stop: gracefulStop,
  }),
  (input) => ({ executor: input.executor, name: input.name, startUsers: input.users ?? 0, stages: stagesOf(input), gracefulStopMs: input.graceful_stop }),
);

const ConstantArrivalRate = Decoded(
  Strict({
    executor: Type.Literal('constant-arrival-rate'),
    name,
    rate: rate('Arrival rate'),
    duration: Duration({ description: 'Length of the phase' }),
    max_users: maxUsers,
  }),
  (input) => ({ executor: input.executor, name: input.name, rate: input.rate, durationMs: input.duration, maxUsers: input.max_users }),
);

const RampingArrivalRate = Decoded(
  Strict({
    executor: Type.Literal('ramping-arrival-rate'),
    name,
    rate: Type.Optional(rate('Arrival rate at the start (default 0)')),
    ...ramp,
    max_users: maxUsers,
  }),
  (input) => ({ executor: input.executor, name: input.name, startRate: input.rate ?? 0, stages: stagesOf(input), maxUsers: input.max_users }),
);

export const PhaseSchema = Type.Union([ConstantUsers, RampingUsers, ConstantArrivalRate, RampingArrivalRate], {
  title: 'a load phase',
  description: `A phase of the load; executor is one of ${EXECUTORS.join(', ')}`,
});

// Compile-time guard: EXECUTORS lists exactly the executors the schema accepts.
const executorsMatch: [StaticDecode<typeof PhaseSchema>['executor']] extends [(typeof EXECUTORS)[number]]
  ? [(typeof EXECUTORS)[number]] extends [StaticDecode<typeof PhaseSchema>['executor']]
    ? true
    : never
  : never = true;
void executorsMatch;

export const LoadSchema = Decoded(
  Strict({
    max_users: Type.Optional(PositiveInteger({ description: 'Cap on users alive at once, over every phase' })),
    phases: Type.Array(PhaseSchema, { minItems: 1, description: 'Phases, run in order' }),
  }),
  (input) => ({ maxUsers: input.max_users, phases: input.phases }),
);
