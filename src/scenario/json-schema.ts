/** The editor JSON Schema (draft-07), serialised from the same schema that validates and types scenarios. */
import { ScenarioSchema } from './schema/scenario.js';

export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/** A fresh plain-JSON copy each call (decoders and other symbol-keyed parts are left out). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return { $schema: JSON_SCHEMA_DIALECT, ...(JSON.parse(JSON.stringify(ScenarioSchema)) as Record<string, unknown>) };
}
