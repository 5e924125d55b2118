/** `login`: connect, TLS, SASL, bind; records each phase and counts the connection's outcome. */
import { COUNTERS, LATENCY } from '../metrics/index.js';
import type { Step } from '../scenario/types.js';
import { classifyConnectFailure, openSession, type Session } from '../xmpp/index.js';
import { bounded } from './abortable.js';
import type { StepContext, StepRun } from './context.js';
import { watchIncoming } from './receive.js';
import { preciseNowMs } from './stamp.js';
import { httpTransportOf } from './transport.js';

/** Unclaimed stanzas a session keeps for a later `expect` (presence floods must not push them out). */
const INBOX_LIMIT = 256;
/** The steps that claim a stanza nobody waited for when it arrived (Session.waitFor). */
const CLAIMING_STEPS = new Set<Step['kind']>(['expect', 'approve']);

/**
 * A flow with no step that claims unclaimed stanzas keeps none: a chat run otherwise held every
 * message each user received (up to 256 parsed stanzas per session) until the session closed.
 */
export function inboxLimitFor(flow: readonly Step[]): number {
  const claims = (steps: readonly Step[]): boolean =>
    steps.some((step) => CLAIMING_STEPS.has(step.kind) || (step.kind === 'loop' && claims(step.steps)));
  return claims(flow) ? INBOX_LIMIT : 0;
}

export const run: StepRun<'login'> = async (ctx, step) => {
  const { metrics, federatedTarget } = ctx.run;
  const target = federatedTarget?.domain === ctx.user.domain ? federatedTarget : ctx.run.target;
  // A second login replaces the session (a reconnecting user).
  if (ctx.session && !ctx.session.closed) await ctx.session.close(step.timeoutMs).catch(() => undefined);
  ctx.session = undefined;

  const opening = openSession({
    domain: ctx.user.domain,
    host: target.host,
    port: target.port,
    tls: target.tls,
    ...httpTransportOf(target, metrics),
    ca: target.caPem,
    allowCleartextAuth: target.allowCleartextAuth,
    username: ctx.user.username,
    password: ctx.user.password,
    resource: step.resource === undefined ? undefined : ctx.render(step.resource),
    mechanism: step.mechanism,
    timeoutMs: step.timeoutMs,
    inboxLimit: ctx.run.inboxLimit ?? INBOX_LIMIT,
  });
  let session: Session;
  try {
    // openSession bounds each phase; the step's timeout also bounds the whole login.
    session = await bounded(opening, { signal: ctx.signal, timeoutMs: step.timeoutMs, what: 'login' });
  } catch (error) {
    opening.then((late) => late.close(), () => undefined).catch(() => undefined);
    if (!ctx.signal.aborted) metrics.increment(COUNTERS.connectionsFailed, { reason: classifyConnectFailure(error) });
    throw error;
  }
  const endMs = preciseNowMs();
  metrics.increment(COUNTERS.connectionsOpened);
  recordTimings(ctx, session, endMs);
  adopt(ctx, session);
};

function recordTimings(ctx: StepContext, session: Session, endMs: number): void {
  const { metrics } = ctx.run;
  const { timings } = session;
  if (timings.tcp_connect !== undefined) metrics.recordMs(LATENCY.tcpConnect, timings.tcp_connect);
  if (timings.ws_connect !== undefined) metrics.recordMs(LATENCY.wsConnect, timings.ws_connect);
  if (timings.bosh_session_create !== undefined) metrics.recordMs(LATENCY.boshSessionCreate, timings.bosh_session_create);
  if (timings.tls_handshake !== undefined) metrics.recordMs(LATENCY.tlsHandshake, timings.tls_handshake);
  metrics.recordMs(LATENCY.saslAuth, timings.sasl_auth);
  metrics.recordMs(LATENCY.bind, timings.bind);
  ctx.recordLatency(LATENCY.loginTotal, endMs - timings.login_total, endMs);
}

/** Makes the session the user's: reachable as random-online, closed by closeAll, observed. */
function adopt(ctx: StepContext, session: Session): void {
  const { online, sessions } = ctx.run;
  const jid = session.jid.toString();
  ctx.session = session;
  ctx.roster = undefined;
  ctx.initialPresenceMs = undefined;
  sessions.add(session);
  online.add(jid);
  session.once('close', () => {
    online.remove(jid);
    sessions.delete(session);
    ctx.run.deliveries.closed(jid);
  });
  watchIncoming(ctx, session);
}
