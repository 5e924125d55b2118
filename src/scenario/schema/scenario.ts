/** The whole scenario file: the single schema behind the TypeScript types, validation and the editor JSON Schema. */
import { Type, type StaticDecode } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AccountsSchema } from './accounts.js';
import { Decoded, Strict } from './base.js';
import { ChecksSchema } from './checks.js';
import { HttpLoadSchema } from './http-load.js';
import { DEFAULT_LOAD, LoadSchema } from './load.js';
import { OptionsSchema } from './options.js';
import { PeersSchema } from './peers.js';
import { StepSchema } from './steps.js';
import { TargetSchema } from './target.js';
import { ThresholdsSchema } from './thresholds.js';

/** Top-level keys starting with `x-` are ignored: a place for YAML anchors to reuse. */
export const EXTENSION_PREFIX = 'x-';

/** What a checks-only scenario runs as load: nothing (the schema asks for at least one phase when written). */
const NO_LOAD: StaticDecode<typeof LoadSchema> = { maxUsers: undefined, phases: [] };

export const FlowSchema = Type.Array(StepSchema, { minItems: 1, description: 'Steps each simulated user runs, in order' });

export const ScenarioSchema = Decoded(
  Strict(
    {
      name: Type.Optional(Type.String({ minLength: 1, description: 'Name shown in reports; defaults to the file name' })),
      description: Type.Optional(Type.String({ description: 'What the scenario is for' })),
      target: TargetSchema,
      // A checks-only scenario needs neither; semantics.ts asks for both once there is a flow.
      accounts: Type.Optional(AccountsSchema),
      load: Type.Optional(LoadSchema),
      peers: Type.Optional(PeersSchema),
      flow: Type.Optional(FlowSchema),
      http_load: Type.Optional(HttpLoadSchema),
      checks: Type.Optional(ChecksSchema),
      thresholds: Type.Optional(ThresholdsSchema),
      options: Type.Optional(OptionsSchema),
    },
    {
      title: 'xmpp-gauntlet scenario',
      description: 'A load scenario for xmpp-gauntlet (see docs/scenario.md)',
      // For editors; the loader drops these keys before validating.
      patternProperties: { [`^${EXTENSION_PREFIX}`]: {} },
    },
  ),
  (input) => ({
    name: input.name,
    description: input.description,
    target: input.target,
    accounts: input.accounts,
    // Without a flow there is no load: a checks-only scenario runs no phases.
    load: input.load ?? (input.flow ? Value.Decode(LoadSchema, DEFAULT_LOAD) : NO_LOAD),
    peers: input.peers,
    flow: input.flow ?? [],
    httpLoad: input.http_load ?? [],
    checks: input.checks,
    thresholds: input.thresholds ?? {},
    options: input.options ?? Value.Decode(OptionsSchema, {}),
  }),
);
