import type { ErrorGroup, ErrorsJson } from '../engine/error-log.js';

/** A run's errors grouped by kind, step and condition, most frequent first (none in older result files). */
export function errorGroups(errors: ErrorsJson): ErrorGroup[] {
  return [...(errors.groups ?? [])].sort((a, b) => b.count - a.count || a.firstAtMs - b.firstAtMs);
}
