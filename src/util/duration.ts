import { GauntletError } from './errors.js';

const UNIT_MS: Record<string, number> = {
  us: 0.001,
  µs: 0.001,
  μs: 0.001, // Greek mu, which some keyboards produce instead of the micro sign
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /(\d+(?:\.\d+)?)(us|µs|μs|ms|s|m|h)/y;

/**
 * Parses a duration such as `500ms`, `1.5s`, `1m30s` or `250us` into milliseconds.
 * A bare number (or numeric string) means milliseconds.
 */
export function parseDuration(text: string | number): number {
  if (typeof text === 'number') {
    if (Number.isFinite(text) && text >= 0) return text;
    throw invalid(String(text));
  }
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < trimmed.length) {
    const start = PART.lastIndex;
    const match = PART.exec(trimmed);
    if (!match || match.index !== start) throw invalid(text);
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
  }
  if (trimmed.length === 0) throw invalid(text);
  return total;
}

function invalid(text: string): GauntletError {
  return new GauntletError('config', `"${text}" is not a duration`, {
    hint: 'write a number with a unit: 250us, 500ms, 1.5s, 2m, 1h, or combined like 1m30s (a bare number is ms)',
  });
}

/**
 * Formats milliseconds for people: `850µs`, `12.3ms`, `4.20s`, `2m05s`, `1h02m05s`.
 * Each tier is chosen after rounding, so 59.999 s reads `1m00s`, not `60.00s`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  const micros = Math.round(ms * 1000);
  if (micros < 1000) return `${micros}µs`;
  if (Math.round(ms * 10) < 1000) return `${ms.toFixed(1)}ms`;
  if (Math.round(ms) < 1000) return `${Math.round(ms)}ms`;
  if (Math.round(ms / 10) < 6000) return `${(ms / 1000).toFixed(2)}s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  if (hours === 0) return `${minutes}m${seconds}s`;
  return `${hours}h${String(minutes).padStart(2, '0')}m${seconds}s`;
}
