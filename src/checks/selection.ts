/**
 * Which checks a run includes. Each selector is one of: a check id, a glob over ids
 * (`rfc6120.stream.*`), an id prefix (`rfc6121.roster`), an area (`stream`), a tag, or a spec
 * name (`RFC 6121`, `rfc6121`, `XEP-0077`; the legacy RFC 3920/3921 citations count too).
 * A selector that matches nothing is refused: it is almost always a typo.
 */
import { GauntletError } from '../util/errors.js';
import type { CheckArea, CheckDefinition } from './types.js';

/** Every area name is a valid selector, even while an area has no checks yet. */
const AREAS: readonly CheckArea[] = ['stream', 'tls', 'sasl', 'bind', 'iq', 'roster', 'presence', 'message', 'offline', 'register', 's2s', 'security', 'websocket', 'bosh', 'discovery', 'upload'];

export interface CheckSelection {
  /** Empty or absent = the whole catalogue. */
  select?: readonly string[];
  skip?: readonly string[];
}

const squash = (text: string): string => text.toLowerCase().replace(/[\s_-]+/g, '');

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

export function selectorMatches(selector: string, check: CheckDefinition): boolean {
  const wanted = selector.trim();
  if (/[*?]/.test(wanted)) return globToRegExp(wanted).test(check.id);
  const lower = wanted.toLowerCase();
  if (check.id === wanted || check.id.startsWith(`${wanted}.`)) return true;
  if (check.area === lower || check.tags?.some((tag) => tag.toLowerCase() === lower)) return true;
  const docs = [...check.spec, ...(check.legacy ?? [])].map((ref) => squash(ref.doc));
  return docs.includes(squash(wanted));
}

/** Splits `a,b , c` (CLI flags) into selectors. */
export function parseSelectors(text: string | readonly string[] | undefined): string[] {
  const parts = typeof text === 'string' ? [text] : [...(text ?? [])];
  return parts.flatMap((part) => part.split(',')).map((part) => part.trim()).filter(Boolean);
}

export function selectChecks(catalogue: readonly CheckDefinition[], selection: CheckSelection): CheckDefinition[] {
  const unmatched = [...(selection.select ?? []), ...(selection.skip ?? [])].filter(
    (selector) => !AREAS.includes(selector.trim().toLowerCase() as CheckArea) && !catalogue.some((check) => selectorMatches(selector, check)),
  );
  if (unmatched.length > 0) {
    throw new GauntletError('usage', `no check matches ${unmatched.map((s) => `"${s}"`).join(', ')}`, {
      hint: 'gauntlet checks list shows the ids, areas, tags and specs',
    });
  }
  const select = selection.select ?? [];
  const skip = selection.skip ?? [];
  return catalogue.filter(
    (check) => (select.length === 0 || select.some((s) => selectorMatches(s, check))) && !skip.some((s) => selectorMatches(s, check)),
  );
}
