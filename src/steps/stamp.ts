/**
 * The end-to-end stamp a sending user puts into messages and presences, so the receiving user
 * can compute the delivery latency:
 *
 *   <stamp xmlns='urn:xmpp-gauntlet:stamp:0' run='k3f9a1' sent='1712345678901.123' intended='…'/>
 *
 * Times are epoch milliseconds with microsecond decimals from this process's monotonic clock
 * (`performance.timeOrigin + performance.now()`), so sender and receiver must be the same process.
 * `run` keeps stamps from an earlier run (e.g. offline storage) out of this run's figures.
 */
import { performance } from 'node:perf_hooks';
import { xml, type Element } from '../xmpp/index.js';

export const STAMP_NS = 'urn:xmpp-gauntlet:stamp:0';
const DELAY_NS = 'urn:xmpp:delay';

export interface Stamp {
  run: string;
  sentMs: number;
  /** Present when the sending iteration was rate-driven: when it should have started. */
  intendedMs?: number;
  /** The first message of a two-server run from one server to the other (`first='1'`). */
  first?: boolean;
}

/** Epoch milliseconds with sub-millisecond precision, monotonic within this process. */
export function preciseNowMs(): number {
  return performance.timeOrigin + performance.now();
}

export function stampElement(stamp: Stamp): Element {
  return xml('stamp', {
    xmlns: STAMP_NS,
    run: stamp.run,
    sent: stamp.sentMs.toFixed(3),
    intended: stamp.intendedMs === undefined ? undefined : stamp.intendedMs.toFixed(3),
    first: stamp.first ? '1' : undefined,
  });
}

/** The stamp in a stanza, or undefined when it has none (or a malformed one). */
export function readStamp(stanza: Element): Stamp | undefined {
  const element = stanza.getChild('stamp', STAMP_NS);
  if (!element) return undefined;
  const sentMs = Number(element.attrs.sent);
  const run = element.attrs.run;
  if (!Number.isFinite(sentMs) || !run) return undefined;
  const intended = element.attrs.intended === undefined ? undefined : Number(element.attrs.intended);
  const stamp: Stamp = { run, sentMs, intendedMs: intended !== undefined && Number.isFinite(intended) ? intended : undefined };
  return element.attrs.first === '1' ? { ...stamp, first: true } : stamp;
}

/** True when the stanza carries a XEP-0203 <delay/> (stored offline and flushed later). */
export function isDelayed(stanza: Element): boolean {
  return stanza.getChild('delay', DELAY_NS) !== undefined;
}
