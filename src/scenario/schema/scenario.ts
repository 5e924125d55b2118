/** The whole scenario file: the single schema behind the TypeScript types, validation and the editor JSON Schema. */
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AccountsSchema } from './accounts.js';
import { Decoded, Strict } from './base.js';
import { DEFAULT_LOAD, LoadSchema } from './load.js';
import { OptionsSchema } from './options.js';
import { StepSchema } from './steps.js';
import { TargetSchema } from './target.js';
import { ThresholdsSchema } from './thresholds.js';

/** Top-level keys starting with `x-` are ignored: a place for YAML anchors to reuse. */
export const EXTENSION_PREFIX = 'x-';

export const FlowSchema = Type.Array(StepSchema, { minItems: 1, description: 'Steps each simulated user runs, in order' });

export const ScenarioSchema = Decoded(
  Strict(
    {
      name: Type.Optional(Type.String({ minLength: 1, description: 'Name shown in reports; defaults to the file name' })),
      description: Type.Optional(Type.String({ description: 'What the scenario is for' })),
      target: TargetSchema,
      accounts: AccountsSchema,
      load: Type.Optional(LoadSchema),
      flow: FlowSchema,
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
    load: input.load ?? Value.Decode(LoadSchema, DEFAULT_LOAD),
    flow: input.flow,
    thresholds: input.thresholds ?? {},
    options: input.options ?? Value.Decode(OptionsSchema, {}),
  }),
);
