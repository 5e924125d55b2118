/** `roster.get`: fetch the roster (RFC 6121 §2.2), timed as roster_get; fills the roster cache. */
import { LATENCY } from '../metrics/index.js';
import { NS, type Session } from '../xmpp/index.js';
import { bounded } from './abortable.js';
import type { StepContext, StepRun } from './context.js';
import { applyRosterItems, parseRosterItems, rosterGetIq, type RosterItem } from './roster.js';
import { preciseNowMs } from './stamp.js';

/** Fetches the whole roster into `ctx.roster`; returns how long the round trip took (start, end). */
export async function fetchRoster(ctx: StepContext, session: Session, timeoutMs: number): Promise<{ startMs: number; endMs: number }> {
  const startMs = preciseNowMs();
  const result = await bounded(session.iq(rosterGetIq(), timeoutMs), { signal: ctx.signal });
  const endMs = preciseNowMs();
  const roster = new Map<string, RosterItem>();
  const query = result.getChild('query', NS.roster);
  if (query) applyRosterItems(roster, parseRosterItems(query));
  ctx.roster = roster;
  return { startMs, endMs };
}

export const run: StepRun<'roster.get'> = async (ctx, step) => {
  const { startMs, endMs } = await fetchRoster(ctx, ctx.requireSession(), step.timeoutMs);
  ctx.recordLatency(LATENCY.rosterGet, startMs, endMs);
};
