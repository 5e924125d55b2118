/**
 * Turns TypeBox validation errors into problems a person can act on: unions are resolved to the
 * variant the author meant (by discriminator, by key, by type), unknown keys get a "did you mean".
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import type { Anchor } from './positions.js';
import type { PathSegment } from './problems.js';
import { Explain, type Explainer } from './schema/base.js';
import { describe, describeValue, hintOf, isMap, KIND_TYPES, variantsOf } from './describe.js';
import { chooseVariant } from './explain-union.js';
import { closest, suggestionHint } from '../util/suggest.js';

export interface Issue {
  path: PathSegment[];
  anchor: Anchor;
  message: string;
  hint?: string;
  /** For "missing required key" issues: the key. */
  missingKey?: string;
  /** For "unknown key" issues: the allowed key it is probably a misspelling of. */
  probablyMeant?: string;
}

/** JSON pointer → path; numeric segments become numbers where the value holds a list. */
function toPath(pointer: string, root: unknown): PathSegment[] {
  const path: PathSegment[] = [];
  let value = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(value) && /^\d+$/.test(key) ? Number(key) : key;
    path.push(segment);
    value = isMap(value) || Array.isArray(value) ? (value as Record<string, unknown>)[segment as string] : undefined;
  }
  return path;
}

export function explainErrors(errors: Iterable<ValueError>, root: unknown): Issue[] {
  const issues: Issue[] = [];
  const missing: string[] = [];
  for (const error of errors) {
    if (missing.some((pointer) => error.path === pointer || error.path.startsWith(`${pointer}/`))) continue;
    if (error.type === ValueErrorType.ObjectRequiredProperty) missing.push(error.path);
    issues.push(...explainError(error, root));
  }
  // `pasword: x` is reported once, as a misspelling, not also as a missing `password`.
  const misspelt = new Set(issues.flatMap((issue) => (issue.probablyMeant === undefined ? [] : [[...issue.path.slice(0, -1), issue.probablyMeant].join('\0')])));
  return issues.filter((issue) => issue.missingKey === undefined || !misspelt.has([...issue.path, issue.missingKey].join('\0')));
}

function explainError(error: ValueError, root: unknown): Issue[] {
  const path = toPath(error.path, root);
  const { schema, value } = error;
  const at = (message: string, hint = hintOf(schema), anchor: Anchor = 'value'): Issue[] => [{ path, anchor, message, hint }];
  switch (error.type) {
    case ValueErrorType.Union:
      return explainUnion(error, path, root);
    case ValueErrorType.ObjectRequiredProperty: {
      const key = String(path.pop());
      return [{ path, anchor: 'container', message: `missing required key '${key}'`, hint: hintOf(schema), missingKey: key }];
    }
    case ValueErrorType.ObjectAdditionalProperties:
      return [unknownKey(path, schema, root)];
    case ValueErrorType.StringFormat:
    case ValueErrorType.StringPattern: {
      const explainer = (schema as { [Explain]?: Explainer })[Explain];
      if (explainer !== undefined) {
        const { message, hint } = explainer(value);
        return at(message, hint);
      }
      return at(`${describeValue(value)} is not ${describe(schema)}`);
    }
    case ValueErrorType.StringMinLength:
      return at(schema.minLength === 1 ? 'must not be empty' : `needs at least ${schema.minLength} characters`);
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return at(`must be at least ${schema.minimum}, got ${value}`);
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum: {
      const explainer = (schema as { [Explain]?: Explainer })[Explain];
      if (explainer !== undefined) return at(explainer(value).message, explainer(value).hint);
      return at(`must be at most ${schema.maximum}, got ${value}`);
    }
    case ValueErrorType.ArrayMinItems:
      return at(`needs at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`);
    case ValueErrorType.TupleLength:
      return at(`needs exactly ${schema.minItems} items`);
    default:
      if (KIND_TYPES[schema[Kind]] !== undefined || schema[Kind] === 'Literal') return at(`expected ${describe(schema)}, got ${describeValue(value)}`);
      return at(error.message);
  }
}

function unknownKey(path: PathSegment[], schema: TSchema, root: unknown): Issue {
  const key = String(path[path.length - 1]);
  const allowed = Object.keys((schema.properties as object | undefined) ?? {});
  const patterns = Object.keys((schema.patternProperties as object | undefined) ?? {});
  let hint = allowed.length > 0 ? suggestionHint(key, allowed, 'allowed keys') : `names must match ${patterns.join(' or ')}`;
  const container = valueAt(root, path.slice(0, -1));
  // A one-key step entry with a second key: the option belongs under the step's name.
  if (allowed.length === 1 && isMap(container) && allowed[0]! in container && !hint.startsWith('did you mean')) {
    hint = `options go under '${allowed[0]}:'`;
  }
  return { path, anchor: 'key', message: `unknown key '${key}'`, hint, probablyMeant: closest(key, allowed) };
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>((value, segment) => (isMap(value) || Array.isArray(value) ? (value as Record<string, unknown>)[segment as string] : undefined), root);
}

function explainUnion(error: ValueError, path: PathSegment[], root: unknown): Issue[] {
  const variants = variantsOf(error.schema);
  const variantErrors = error.errors.map((iterator) => [...iterator]);
  const choice = chooseVariant(error.schema, variants, variantErrors, error.value, path);
  if (typeof choice === 'number') return explainErrors(variantErrors[choice]!, root);
  return [choice];
}
