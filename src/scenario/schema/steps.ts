/**
 * `flow:` — the steps each simulated user runs. A step is a one-key map (`- message: {...}`);
 * steps without required options may be written bare (`- login`). Once loaded, every step is an
 * object with a `kind` (the YAML word) for the engine to switch on.
 */
import { Type, type StaticDecode, type TSchema } from '@sinclair/typebox';
import { Choice, Decoded, Duration, PositiveInteger, Strict } from './base.js';
import { StepEntry, timeout } from './step-base.js';
import { MESSAGING_STEPS } from './steps-messaging.js';
import { decodeApprove, decodeRosterGet, ROSTER_STEPS } from './steps-roster.js';
import { decodeDisconnect, decodeIq, decodeLogin, decodePresence, SESSION_STEPS } from './steps-session.js';

export const STEP_KINDS = [
  'login',
  'presence',
  'roster.get',
  'roster.set',
  'roster.remove',
  'subscribe',
  'approve',
  'message',
  'expect',
  'iq',
  'think',
  'loop',
  'wait',
  'disconnect',
  'raw',
] as const;

const BARE_STEPS = ['login', 'presence', 'roster.get', 'approve', 'iq', 'disconnect'] as const;

const BareStep = Decoded(
  Choice(BARE_STEPS, { title: 'a step without options' }),
  (name) => {
    switch (name) {
      case 'login':
        return decodeLogin(null);
      case 'presence':
        return decodePresence(null);
      case 'roster.get':
        return decodeRosterGet(null);
      case 'approve':
        return decodeApprove(null);
      case 'iq':
        return decodeIq(null);
      case 'disconnect':
        return decodeDisconnect(null);
    }
  },
);

const ThinkEntry = StepEntry(
  'think',
  Type.Union(
    [
      Duration({ description: 'Constant pause' }),
      Strict({ constant: Duration({ description: 'Constant pause' }) }),
      Strict({ uniform: Type.Tuple([Duration({ description: 'Shortest pause' }), Duration({ description: 'Longest pause' })], { description: 'Pause drawn uniformly in [min, max]' }) }),
      Strict({ exponential: Duration({ description: 'Mean pause (exponentially distributed, as between independent arrivals)' }) }),
    ],
    { title: 'a think time' },
  ),
  'Pause, like a user reading: 1s, { uniform: [1s, 3s] } or { exponential: 2s }',
);

const ThinkStep = Decoded(ThinkEntry, ({ think }) => {
  const delay =
    typeof think === 'number'
      ? { distribution: 'constant' as const, ms: think }
      : 'constant' in think
        ? { distribution: 'constant' as const, ms: think.constant }
        : 'uniform' in think
          ? { distribution: 'uniform' as const, minMs: think.uniform[0], maxMs: think.uniform[1] }
          : { distribution: 'exponential' as const, meanMs: think.exponential };
  return { kind: 'think' as const, delay, timeoutMs: undefined };
});

const BarrierName = Type.String({ minLength: 1, title: 'a barrier name', description: 'Users reaching a barrier wait until every live user has reached it' });

const WaitStep = Decoded(
  StepEntry('wait', Type.Union([BarrierName, Strict({ barrier: BarrierName, timeout })]), 'Wait until every live user reaches this barrier'),
  ({ wait }) => {
    const options = typeof wait === 'string' ? { barrier: wait, timeout: undefined } : wait;
    return { kind: 'wait' as const, barrier: options.barrier, timeoutMs: options.timeout };
  },
);

function LoopStep<T extends TSchema>(step: T) {
  return Decoded(
    StepEntry(
      'loop',
      Strict({
        count: Type.Optional(PositiveInteger({ description: 'Repetitions (or use duration)' })),
        duration: Type.Optional(Duration({ description: 'Repeat until this much time has passed (or use count)' })),
        rate: Type.Optional(
          Type.Number({
            exclusiveMinimum: 0,
            description:
              'Passes per second for each user (open model, as wrk2): each pass starts at its scheduled time, latencies are also recorded from it (coordinated omission), and passes whose time has gone by are counted in dropped_arrivals, never queued',
          }),
        ),
        steps: Type.Array(step, { minItems: 1, description: 'Steps to repeat' }),
        timeout,
      }),
      'Repeat steps a number of times or for a duration, optionally at a fixed rate',
    ),
    ({ loop }) => ({ kind: 'loop' as const, count: loop.count, durationMs: loop.duration, rate: loop.rate, steps: loop.steps, timeoutMs: loop.timeout }),
  );
}

export const StepSchema = Type.Recursive(
  (Self) =>
    Type.Union([...SESSION_STEPS, ...ROSTER_STEPS, ...MESSAGING_STEPS, ThinkStep, LoopStep(Self), WaitStep, BareStep], {
      title: 'a step',
      description: `One step of the flow: ${STEP_KINDS.join(', ')}`,
    }),
  { $id: 'Step' },
);

// Compile-time guard: STEP_KINDS lists exactly the kinds the schema decodes to.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const stepKindsMatch: Same<(typeof STEP_KINDS)[number], StaticDecode<typeof StepSchema>['kind']> = true;
void stepKindsMatch;
