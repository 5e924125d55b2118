/**
 * Steps the stream checks share: open a probe with a given header, judge a stream error against
 * the conditions a rule allows, log in on a raw probe. Verdict-free: the checks decide.
 */
import { randomBytes } from 'node:crypto';
import type { ProbeHeaderOptions, ProbeOpened, RawProbe, StreamErrorInfo } from '../../xmpp/index.js';
import type { CheckAccount, CheckContext, CheckOutcome } from '../types.js';
import { ServerFault } from '../blame.js';

/** Generous: the lab shares two cores with other work. */
export const ERROR_WAIT_MS = 8000;

/** A domain nobody hosts (RFC 2606 reserves .example). */
export function unhostedDomain(): string {
  return `nobody-${randomBytes(4).toString('hex')}.example`;
}

export function describeOpened(opened: ProbeOpened): string {
  if (opened.error) return `${opened.header ? 'a stream header, then ' : ''}stream error <${opened.error.condition}/>`;
  if (opened.features) return 'a stream header and stream features (the stream was accepted)';
  if (opened.header) return 'a stream header and then nothing';
  return 'no stream header';
}

/** Opens a fresh plain-TCP probe with `header` and returns it with what came back. */
export async function openWith(ctx: CheckContext, header: ProbeHeaderOptions): Promise<{ probe: RawProbe; opened: ProbeOpened }> {
  const probe = await ctx.raw();
  const opened = await probe.open(header);
  return { probe, opened };
}

/** The defined condition names a rule accepts, with the RFC 3920 name added under that profile. */
export function acceptedConditions(ctx: CheckContext, current: readonly string[], legacy: readonly string[] = []): string[] {
  return ctx.profile === 'rfc3920' ? [...current, ...legacy] : [...current];
}

/**
 * Judges the stream error a probe produced. `generic` lists conditions RFC 6120 allows instead of
 * the specific one (bad-format, §4.9.3.1): they pass, and the reason says so.
 */
export function judgeStreamError(
  error: StreamErrorInfo | undefined,
  expected: readonly string[],
  trigger: string,
  generic: readonly string[] = [],
): CheckOutcome {
  const wanted = expected.map((c) => `<${c}/>`).join(' or ');
  if (!error) return { outcome: 'violation', reason: `after ${trigger} no stream error came (expected ${wanted})` };
  if (expected.includes(error.condition)) return { outcome: 'pass', reason: `${trigger} → stream error <${error.condition}/>` };
  if (generic.includes(error.condition)) {
    return { outcome: 'pass', reason: `${trigger} → the generic <${error.condition}/> (allowed; ${wanted} is recommended)` };
  }
  // The stream was closed with an error; only which condition is wrong (judged by the check's secondary rule, when it has one).
  return { outcome: 'violation', reason: `${trigger} → stream error <${error.condition}/>, expected ${wanted}`, of: 'secondary' };
}

/** What a header the server must refuse should get, and how to name it when it is accepted instead. */
export interface HeaderRefusal {
  /** The reason when the stream is accepted (features and no error). */
  accepted: string;
  expected: readonly string[];
  trigger: string;
  generic?: readonly string[];
}

/** Judges the answer to a header that must be refused: accepted is a violation, else the stream error is judged. */
export function judgeRefusedHeader(opened: ProbeOpened, refusal: HeaderRefusal): CheckOutcome {
  if (opened.features && !opened.error) return { outcome: 'violation', reason: refusal.accepted };
  return judgeStreamError(opened.error, refusal.expected, refusal.trigger, refusal.generic);
}

/**
 * Judges the answer to a header addressed to a domain the server does not serve. RFC 6120 §4.7.1
 * makes every response header 'from' one of the server's own domains: served as the unknown domain
 * is the violation; served as one of its own only records it (no keyword sentence obliges a refusal);
 * refused, the condition is judged (<host-unknown/>, §4.9.3.6, is the defined name).
 */
export function judgeUnknownHost(opened: ProbeOpened, unknown: string, trigger: string): CheckOutcome {
  if (opened.features && !opened.error) {
    const from = opened.header?.from ?? '';
    if (from === unknown) return { outcome: 'violation', reason: `${trigger} was accepted with features, the reply header claiming to be from ${unknown}` };
    return { outcome: 'info', reason: `${trigger} was accepted with features, served as '${from || '(no from)'}'` };
  }
  return judgeStreamError(opened.error, ['host-unknown'], trigger);
}

/** Sends `text` on an open stream and waits for the stream error it should cause. */
export async function errorAfterSending(probe: RawProbe, text: string): Promise<StreamErrorInfo | undefined> {
  probe.send(text);
  return probe.streamError(ERROR_WAIT_MS);
}

/** A plain stream that got past its header, or the outcome explaining why the check cannot go on. */
export async function openedStream(ctx: CheckContext): Promise<{ probe: RawProbe } | { stop: CheckOutcome }> {
  const { probe, opened } = await openWith(ctx, {});
  if (!opened.features) return { stop: { outcome: 'skip', reason: `a normal stream header got ${describeOpened(opened)}` } };
  return { probe };
}

/** STARTTLS (when offered), SCRAM-SHA-1 and bind on a raw probe: a logged-in raw stream and its full JID. */
export async function rawLogin(ctx: CheckContext, account: CheckAccount, label?: string): Promise<{ probe: RawProbe; jid: string }> {
  const probe = await ctx.raw({ label });
  const opened = await probe.open({ to: account.domain });
  if (opened.features?.getChild('starttls', 'urn:ietf:params:xml:ns:xmpp-tls')) await probe.startTls();
  if (!(await probe.authScram(account.username, account.password))) throw new ServerFault(`SCRAM-SHA-1 login of ${account.jid} was refused`);
  const jid = await probe.bind();
  return { probe, jid };
}
