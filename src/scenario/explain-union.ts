/** Which variant of a union the author meant, so errors are explained against that one only. */
import { Kind, type TSchema } from '@sinclair/typebox';
import type { ValueError } from '@sinclair/typebox/errors';
import { accepts, describe, describeValue, hintOf, isMap, literalsOf, noun, typeOf } from './describe.js';
import type { Issue } from './explain.js';
import type { PathSegment } from './problems.js';
import { didYouMean, suggestionHint } from '../util/suggest.js';

function fewestErrors(candidates: number[], variantErrors: ValueError[][]): number {
  return candidates.reduce((best, index) => (variantErrors[index]!.length < variantErrors[best]!.length ? index : best));
}

/** The index of the variant the author meant, or an issue when no variant fits at all. */
export function chooseVariant(union: TSchema, variants: TSchema[], variantErrors: ValueError[][], value: unknown, path: PathSegment[]): number | Issue {
  const objects = variants.flatMap((variant, index) => (variant[Kind] === 'Object' ? [index] : []));
  const keyed = objects.length > 1 && objects.every((index) => (variants[index]!.required as string[] | undefined)?.length === 1);
  // Steps written bare (`- login`) and with options (`- login: {...}`) are one name, listed once.
  const names = [...new Set([...objects.flatMap((index) => (keyed ? (variants[index]!.required as string[]) : [])), ...variants.flatMap((variant) => literalsOf(variant) ?? [])])];

  if (isMap(value) && objects.length > 0) {
    if (objects.length === 1) return objects[0]!;
    const discriminated = chooseByDiscriminator(variants, objects, value, path);
    if (discriminated !== undefined) return discriminated;
    if (keyed) return chooseByKey(union, variants, objects, value, path, names);
    const score = (index: number) => Object.keys(value).filter((key) => key in (variants[index]!.properties as object)).length;
    const best = Math.max(...objects.map(score));
    return fewestErrors(objects.filter((index) => score(index) === best), variantErrors);
  }

  const type = typeOf(value);
  const open = variants.flatMap((variant, index) => (accepts(variant, type) && literalsOf(variant) === undefined ? [index] : []));
  if (open.length > 0) return fewestErrors(open, variantErrors);
  if (type === 'string' && names.length > 0) {
    const word = String(value);
    const needsOptions = keyed && objects.find((index) => (variants[index]!.required as string[])[0] === word);
    if (needsOptions !== undefined && needsOptions !== false) {
      const params = (variants[needsOptions]!.properties as Record<string, TSchema>)[word]!;
      const required = (params.required as string[] | undefined) ?? [];
      return { path, anchor: 'value', message: `'${word}' needs options`, hint: `write it as '${word}: { ${required.map((key) => `${key}: ...`).join(', ')} }'` };
    }
    if (typeof union.title === 'string') {
      return { path, anchor: 'value', message: `unknown ${noun(union)} '${word}'`, hint: suggestionHint(word, names, 'known') };
    }
    return { path, anchor: 'value', message: `expected one of ${names.join(', ')}, got '${word}'`, hint: didYouMean(word, names) };
  }
  return { path, anchor: 'value', message: `expected ${describe(union)}, got ${describeValue(value)}`, hint: hintOf(union) };
}

/** Object variants told apart by a property holding a constant, e.g. `executor: ramping-users`. */
function chooseByDiscriminator(variants: TSchema[], objects: number[], value: Record<string, unknown>, path: PathSegment[]): number | Issue | undefined {
  const first = variants[objects[0]!]!.properties as Record<string, TSchema>;
  const key = Object.keys(first).find((name) =>
    objects.every((index) => (variants[index]!.properties as Record<string, TSchema>)[name]?.[Kind] === 'Literal'),
  );
  if (key === undefined) return undefined;
  const constants = objects.map((index) => String((variants[index]!.properties as Record<string, TSchema>)[key]!.const));
  if (!(key in value)) return { path, anchor: 'container', message: `missing required key '${key}'`, hint: `one of ${constants.join(', ')}` };
  const match = constants.indexOf(String(value[key]));
  if (match >= 0) return objects[match]!;
  return { path: [...path, key], anchor: 'value', message: `unknown ${key} '${String(value[key])}'`, hint: suggestionHint(String(value[key]), constants, 'known') };
}

/** One-key entries (steps, account sources): the key present names the variant. */
function chooseByKey(union: TSchema, variants: TSchema[], objects: number[], value: Record<string, unknown>, path: PathSegment[], names: string[]): number | Issue {
  const keyOf = (index: number) => (variants[index]!.required as string[])[0]!;
  const matched = objects.filter((index) => keyOf(index) in value);
  if (matched.length === 1) return matched[0]!;
  if (matched.length > 1) {
    return {
      path,
      anchor: 'container',
      message: `one entry holds several ${noun(union)}s: ${matched.map(keyOf).join(', ')}`,
      hint: "start each with its own '- '",
    };
  }
  const known = new Set(objects.flatMap((index) => Object.keys(variants[index]!.properties as object)));
  const stranger = Object.keys(value).find((key) => !known.has(key));
  if (stranger !== undefined) {
    return { path: [...path, stranger], anchor: 'key', message: `unknown ${noun(union)} '${stranger}'`, hint: suggestionHint(stranger, names, 'known') };
  }
  return { path, anchor: 'container', message: `missing the ${noun(union)}`, hint: `one of ${objects.map(keyOf).join(', ')}` };
}
