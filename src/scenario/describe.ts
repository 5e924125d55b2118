/** Reading TypeBox schemas and values for messages: what a schema accepts and how to name it. */
import { Kind, type TSchema } from '@sinclair/typebox';

export type ValueType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' | 'undefined';

export const KIND_TYPES: Record<string, ValueType> = {
  String: 'string',
  Number: 'number',
  Integer: 'number',
  Boolean: 'boolean',
  Null: 'null',
  Object: 'object',
  Record: 'object',
  Array: 'array',
  Tuple: 'array',
};

const KIND_WORDS: Record<string, string> = {
  String: 'a string',
  Number: 'a number',
  Integer: 'a whole number',
  Boolean: 'true or false',
  Null: 'nothing',
  Object: 'a map',
  Record: 'a map',
  Array: 'a list',
};

export function typeOf(value: unknown): ValueType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as ValueType;
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeOf(value) === 'object';
}

export function variantsOf(schema: TSchema): TSchema[] {
  return schema[Kind] === 'Union' ? (schema.anyOf as TSchema[]) : [];
}

export function literalsOf(schema: TSchema): string[] | undefined {
  if (schema[Kind] === 'Literal') return [String(schema.const)];
  const variants = variantsOf(schema);
  if (variants.length === 0) return undefined;
  const nested = variants.map(literalsOf);
  return nested.every((list) => list !== undefined) ? nested.flat() : undefined;
}

export function accepts(schema: TSchema, type: ValueType): boolean {
  if (schema[Kind] === 'Literal') return typeOf(schema.const) === type;
  if (schema[Kind] === 'Union') return variantsOf(schema).some((variant) => accepts(variant, type));
  return KIND_TYPES[schema[Kind]] === type;
}

export function describe(schema: TSchema): string {
  if (typeof schema.title === 'string') return schema.title;
  const literals = literalsOf(schema);
  if (literals !== undefined) return literals.length === 1 ? `'${literals[0]}'` : `one of ${literals.join(', ')}`;
  if (schema[Kind] === 'Union') return [...new Set(variantsOf(schema).map(describe))].join(' or ');
  if (schema[Kind] === 'Tuple') return `a list of ${schema.minItems} items`;
  return KIND_WORDS[schema[Kind]] ?? 'something else';
}

export function describeValue(value: unknown): string {
  switch (typeOf(value)) {
    case 'null':
    case 'undefined':
      return 'nothing';
    case 'string':
      return `'${String(value).length > 40 ? `${String(value).slice(0, 37)}...` : String(value)}'`;
    case 'array':
      return 'a list';
    case 'object':
      return 'a map';
    default:
      return String(value);
  }
}

export function hintOf(schema: TSchema): string | undefined {
  return typeof schema.description === 'string' ? schema.description.replace(/\.$/, '') : undefined;
}

/** "a step" → "step", for sentences such as "unknown step 'x'". */
export function noun(schema: TSchema): string {
  return typeof schema.title === 'string' ? schema.title.replace(/^an? /, '') : 'entry';
}
