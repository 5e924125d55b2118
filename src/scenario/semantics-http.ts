/** Rules of `http_load:` the schema cannot express: every phase is bounded, upload has accounts. */
import { Value } from '@sinclair/typebox/value';
import type { Issue } from './explain.js';
import type { PathSegment } from './problems.js';
import { HttpPhaseSchema, MAX_UPLOAD_TOTAL_BYTES } from './schema/http-load.js';

const issue = (path: PathSegment[], message: string, hint: string, anchor: Issue['anchor'] = 'value'): Issue => ({ path, anchor, message, hint });

export function checkHttpLoad(raw: Record<string, unknown>): Issue[] {
  const phases = Array.isArray(raw.http_load) ? (raw.http_load as unknown[]) : [];
  return phases.flatMap((phase, index): Issue[] => {
    if (!Value.Check(HttpPhaseSchema, phase)) return [];
    const path: PathSegment[] = ['http_load', index];
    const p = phase as Record<string, unknown>;
    if (p.endpoint === 'upload') {
      const problems: Issue[] = [];
      if (raw.accounts === undefined) problems.push(issue(path, 'an upload phase needs accounts: its users log in over XMPP to request upload slots', 'add accounts:', 'container'));
      const total = (p.files as number) * (p.size as number);
      if (total > MAX_UPLOAD_TOTAL_BYTES) problems.push(issue([...path, 'size'], `files × size is ${total} bytes, more than ${MAX_UPLOAD_TOTAL_BYTES}`, 'every body is kept to verify its download: lower files or size', 'value'));
      return problems;
    }
    if (p.amount === undefined && p.duration === undefined) return [issue(path, 'an HTTP load phase needs amount or duration', 'e.g. amount: 1000, or duration: 10s', 'container')];
    if (typeof p.amount === 'number' && typeof p.connections === 'number' && p.connections > p.amount) {
      return [issue([...path, 'connections'], `${p.connections} connections for ${p.amount} requests`, 'use at most as many connections as requests')];
    }
    return [];
  });
}
