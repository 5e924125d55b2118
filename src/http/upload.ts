/**
 * `upload`: PUT a body to each XEP-0363 slot, then GET every one back and compare it byte for
 * byte with what was put (a difference, a short or long body, counts as a `mismatch` failure).
 * The bodies are random bytes; responses are kept as latin1 text, one character per byte.
 */
import { randomBytes } from 'node:crypto';
import { GAUGES, LATENCY, type MetricsRegistry } from '../metrics/index.js';
import { statusOnly, type Exchange } from './exchange.js';
import { runStage, type StageOptions } from './stage.js';

export interface Slot {
  putUrl: string;
  getUrl: string;
  putHeaders: Record<string, string>;
}

export interface UploadOutcome {
  files: number;
  verified: number;
  mismatched: number;
  untrusted?: string;
  unreachable?: string;
}

type StageBase = Omit<StageOptions, 'url' | 'exchange' | 'amount' | 'bodyLimit' | 'pipelining'>;

/** The one origin all `urls` share; slots spread over several origins are refused. */
export function sharedOrigin(urls: readonly string[]): string {
  const origins = new Set(urls.map((url) => new URL(url).origin));
  if (origins.size !== 1) throw new Error(`the upload slots name ${origins.size} origins (${[...origins].slice(0, 3).join(', ')}); one is supported`);
  const origin = [...origins][0]!;
  if (!origin.startsWith('https://')) throw new Error(`the upload slots are not HTTPS (${origin}): refused, bodies would travel in clear`);
  return origin;
}

const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

/** Hands out slots 0, 1, 2, ... (then round again: a lost request's slot is simply not done). */
function roundRobin<T>(items: readonly T[]): () => [T, number] {
  let next = 0;
  return () => {
    const index = next++ % items.length;
    return [items[index]!, index];
  };
}

export async function runUpload(slots: readonly Slot[], size: number, base: StageBase): Promise<UploadOutcome> {
  const bodies = slots.map(() => randomBytes(size));
  const connections = Math.min(base.connections, slots.length);
  const nextPut = roundRobin(slots);
  let stored = 0;
  const put = await runStage({
    ...base,
    connections,
    url: sharedOrigin(slots.map((slot) => slot.putUrl)),
    amount: slots.length,
    exchange: (): Exchange => {
      const [slot, index] = nextPut();
      const headers = { ...slot.putHeaders, 'Content-Type': 'application/octet-stream' };
      return { method: 'PUT', path: pathOf(slot.putUrl), headers, body: bodies[index]!, metric: LATENCY.uploadPut, judge: statusOnly, accept: () => stored++ };
    },
  });
  recordRate(base.metrics, base.endpoint, 'put', stored * size, put.durationMs);
  if (put.untrusted || put.unreachable) return { files: slots.length, verified: 0, mismatched: 0, untrusted: put.untrusted, unreachable: put.unreachable };

  const verified = new Set<number>();
  let mismatched = 0;
  const nextGet = roundRobin(slots);
  const get = await runStage({
    ...base,
    connections,
    url: sharedOrigin(slots.map((slot) => slot.getUrl)),
    amount: slots.length,
    bodyLimit: size + 1,
    exchange: (): Exchange => {
      const [slot, index] = nextGet();
      const expected = bodies[index]!;
      return {
        method: 'GET',
        path: pathOf(slot.getUrl),
        headers: {},
        metric: LATENCY.uploadGet,
        judge: (status, body, truncated) => {
          const reason = statusOnly(status) ?? (truncated || !expected.equals(Buffer.from(body, 'latin1')) ? 'mismatch' : undefined);
          if (reason === 'mismatch') mismatched++;
          return reason;
        },
        accept: () => verified.add(index),
      };
    },
  });
  recordRate(base.metrics, base.endpoint, 'get', verified.size * size, get.durationMs);
  return { files: slots.length, verified: verified.size, mismatched, untrusted: get.untrusted, unreachable: get.unreachable };
}

function recordRate(metrics: MetricsRegistry, endpoint: string, direction: 'put' | 'get', bytes: number, durationMs: number): void {
  if (durationMs > 0) metrics.gauge(GAUGES.uploadRate, { endpoint, direction }).set(Math.round((bytes * 1000) / durationMs));
}
