import type { Evidence, HostFacts } from '../facts.js';
import type { Trace } from './types.js';

/** `a` covers `b` when equal or when `b` continues `a` at a field or index boundary. */
function covers(a: string, b: string): boolean {
  if (a === b) return true;
  return b.startsWith(a) && (b[a.length] === '.' || b[a.length] === '[');
}

function related(a: string, b: string): boolean {
  return covers(a, b) || covers(b, a);
}

/** The evidence entries behind some fact paths (see `Evidence.facts` in the contract). */
export function trace(host: Pick<HostFacts, 'evidence'>, paths: string[]): Trace {
  const facts = [...new Set(paths)];
  const evidence: number[] = [];
  host.evidence.forEach((entry: Evidence, index) => {
    if (entry.facts.some((path) => facts.some((fact) => related(path, fact)))) evidence.push(index);
  });
  return { facts, evidence };
}

/** Union of traces, sorted, for a conclusion drawn from several. */
export function mergeTraces(traces: Trace[]): Trace {
  const facts = [...new Set(traces.flatMap((t) => t.facts))];
  const evidence = [...new Set(traces.flatMap((t) => t.evidence))].sort((a, b) => a - b);
  return { facts, evidence };
}
