import { GauntletError } from '../util/errors.js';

/**
 * Metric keys: `name` or `name{key=value,...}` with label keys sorted, so the same labels
 * always give the same key (`iq_rtt{kind=ping}`). Names are free-form apart from the
 * characters the key syntax itself uses.
 */
export type Labels = Readonly<Record<string, string | number>>;

export interface ParsedKey {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;
const LABEL_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED_IN_VALUES = /[{}=,"\s]/g;

export function metricKey(name: string, labels?: Labels): string {
  if (!NAME.test(name)) throw badName(name);
  if (!labels) return name;
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return name;
  const parts = keys.map((key) => {
    if (!LABEL_KEY.test(key)) throw badName(`${name}{${key}=...}`);
    // Values often come from the wire (error conditions, failure reasons): tame, never throw.
    return `${key}=${String(labels[key]).replace(RESERVED_IN_VALUES, '_')}`;
  });
  return `${name}{${parts.join(',')}}`;
}

/** Parses a key as written by people (thresholds): spaces and quoted values are accepted. */
export function parseMetricKey(text: string): ParsedKey {
  const trimmed = text.trim();
  const brace = trimmed.indexOf('{');
  const name = brace === -1 ? trimmed : trimmed.slice(0, brace).trim();
  if (!NAME.test(name)) throw badName(text);
  if (brace === -1) return { name, labels: {} };
  if (!trimmed.endsWith('}')) throw badName(text);
  const labels: Record<string, string> = {};
  const body = trimmed.slice(brace + 1, -1).trim();
  for (const pair of body === '' ? [] : body.split(',')) {
    const [rawKey, rawValue, extra] = pair.split('=');
    const key = rawKey?.trim() ?? '';
    const value = rawValue?.trim().replace(/^"(.*)"$/, '$1') ?? '';
    if (!LABEL_KEY.test(key) || value === '' || extra !== undefined) throw badName(text);
    labels[key] = value;
  }
  return { name, labels };
}

/** The canonical key of a parsed key: `parseMetricKey(' a{ b = "c" } ')` → `a{b=c}`. */
export function canonicalKey(text: string): string {
  const { name, labels } = parseMetricKey(text);
  return metricKey(name, labels);
}

/** The name part of a key: `iq_rtt{kind=ping}` → `iq_rtt`. */
export function keyName(key: string): string {
  const brace = key.indexOf('{');
  return brace === -1 ? key : key.slice(0, brace);
}

/** `iq_rtt{kind=ping}` → `iq_rtt.corrected{kind=ping}`: where corrected latencies go. */
export function correctedKey(key: string): string {
  const name = keyName(key);
  return `${name}.corrected${key.slice(name.length)}`;
}

function badName(text: string): GauntletError {
  return new GauntletError('config', `"${text}" is not a metric name`, {
    hint: 'write a name like message_e2e, optionally with labels: iq_rtt{kind=ping}',
  });
}
