import { COUNTERS, LATENCY } from '../../metrics/index.js';
import { classifyConnectFailure, openSession, type SessionTimings } from '../../xmpp/index.js';
import { receiveInto } from '../receiver.js';
import type { StepRun } from './step.js';

const TIMING_METRICS: Array<[keyof SessionTimings, string]> = [
  ['tcp_connect', LATENCY.tcpConnect],
  ['tls_handshake', LATENCY.tlsHandshake],
  ['sasl_auth', LATENCY.saslAuth],
  ['bind', LATENCY.bind],
  ['login_total', LATENCY.loginTotal],
];

export const login: StepRun<'login'> = async (ctx, step) => {
  const { target, metrics } = ctx.shared;
  await ctx.session?.close().catch(() => undefined);
  try {
    ctx.session = await openSession({
      domain: target.domain,
      host: target.host,
      port: target.port,
      tls: target.tls,
      ca: target.caPem,
      allowCleartextAuth: target.allowCleartextAuth,
      username: ctx.user.username,
      password: ctx.user.password,
      resource: step.resource === undefined ? undefined : ctx.render(step.resource),
      mechanism: step.mechanism,
      timeoutMs: step.timeoutMs,
    });
  } catch (error) {
    metrics.increment(COUNTERS.connectionsFailed, { reason: classifyConnectFailure(error) });
    throw error;
  }
  metrics.increment(COUNTERS.connectionsOpened);
  for (const [timing, metric] of TIMING_METRICS) {
    const value = ctx.session.timings[timing];
    if (value !== undefined) metrics.recordMs(metric, value);
  }
  ctx.session.on('stanza', receiveInto(ctx));
};
