/** Building blocks shared by every section of the scenario schema. */
import {
  FormatRegistry,
  Type,
  type ObjectOptions,
  type SchemaOptions,
  type TLiteral,
  type TProperties,
  type StaticDecode,
  type TSchema,
  type TTransform,
  type TUnion,
} from '@sinclair/typebox';
import { parseDuration } from '../../util/duration.js';
import { GauntletError, isGauntletError } from '../../util/errors.js';
import { Secret } from '../secret.js';

/** Symbol key (absent from the JSON Schema) holding a function that explains why a value was refused. */
export const Explain = Symbol('explain');
export type Explanation = { message: string; hint?: string };
export type Explainer = (value: unknown) => Explanation;

export function withExplainer<T extends TSchema>(schema: T, explainer: Explainer): T {
  return Object.assign(schema, { [Explain]: explainer });
}

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

/** One of a fixed list of words (a JSON Schema anyOf of consts). */
export function Choice<const T extends readonly string[]>(values: T, options: SchemaOptions = {}): TUnion<Literals<T>> {
  return Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  ) as unknown as TUnion<Literals<T>>;
}

function encodeUnsupported(): never {
  throw new GauntletError('internal', 'a loaded scenario is never encoded back to YAML');
}

/** The schema as written in YAML, and `decode` giving the shape the engine works with. */
export function Decoded<T extends TSchema, U>(schema: T, decode: (value: StaticDecode<T>) => U): TTransform<T, U> {
  return Type.Transform(schema).Decode(decode).Encode(encodeUnsupported);
}

/** A map that refuses unknown keys (they are reported with a "did you mean"). */
export function Strict<T extends TProperties>(properties: T, options: ObjectOptions = {}) {
  return Type.Object(properties, { ...options, additionalProperties: false });
}

const UNITLESS_HINT = 'write the unit: 60s, 500ms, 2m (a bare number is ambiguous: Artillery reads seconds, k6 milliseconds)';

function durationProblem(text: string): Explanation | undefined {
  if (/^\s*\d+(\.\d+)?\s*$/.test(text) && Number(text) !== 0) return { message: `duration "${text.trim()}" has no unit`, hint: UNITLESS_HINT };
  try {
    parseDuration(text);
    return undefined;
  } catch (error) {
    if (!isGauntletError(error)) throw error;
    return { message: error.message, hint: error.hint ?? 'write a duration such as 500ms, 10s or 2m' };
  }
}

const DURATION_FORMAT = 'gauntlet-duration';
FormatRegistry.Set(DURATION_FORMAT, (text) => durationProblem(text) === undefined);

/** A duration in the YAML ('10s', '1m30s'; a number only when 0); milliseconds once loaded. */
export function Duration(options: SchemaOptions = {}) {
  const text = withExplainer(Type.String({ format: DURATION_FORMAT }), (value) => durationProblem(String(value))!);
  const unitless = withExplainer(Type.Number({ minimum: 0, maximum: 0 }), (value) => ({ message: `duration ${String(value)} has no unit`, hint: UNITLESS_HINT }));
  const encoded = Type.Union([text, unitless], {
    title: 'a duration',
    examples: ['500ms', '10s', '2m'],
    ...options,
    description: `${options.description ?? 'A duration'}: a string with a unit such as 500ms, 10s, 1m30s.`,
  });
  return Decoded(encoded, (value) => parseDuration(value));
}

/** Placeholders a template may use, by where the template is rendered. */
export const FLOW_PLACEHOLDERS = ['user', 'n', 'seq', 'domain'] as const;
export const ACCOUNT_PLACEHOLDERS = ['n'] as const;
export const COMMAND_PLACEHOLDERS = ['user', 'password', 'domain', 'n'] as const;

/** A string in which `{name}` placeholders are replaced per user; `{{` and `}}` are literal braces. */
export function Template(placeholders: readonly string[], options: SchemaOptions = {}) {
  const names = placeholders.map((name) => `{${name}}`).join(', ');
  const schema = Type.String({
    title: 'a template',
    ...options,
    pattern: `^(?:[^{}]|\\{\\{|\\}\\}|\\{(?:${placeholders.join('|')})\\})*$`,
    description: `${options.description ?? 'A template'} (placeholders: ${names}).`,
  });
  return withExplainer(schema, (value) => {
    const text = String(value).replace(/\{\{|\}\}/g, '');
    const unknown = /\{[^{}]*\}/.exec(text.replace(new RegExp(`\\{(?:${placeholders.join('|')})\\}`, 'g'), ''));
    return {
      message: unknown ? `unknown placeholder '${unknown[0]}'` : 'unbalanced { or } in template',
      hint: `placeholders here: ${names}; write {{ or }} for a literal brace`,
    };
  });
}

/** A template whose rendered values must never be printed (passwords). */
export function SecretTemplate(placeholders: readonly string[], options: SchemaOptions = {}) {
  return Decoded(Template(placeholders, { ...options, writeOnly: true }), (text) => new Secret(text));
}

export function PositiveInteger(options: SchemaOptions = {}) {
  return Type.Integer({ minimum: 1, ...options });
}
