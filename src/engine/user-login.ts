/** One scenario user logged in on the scenario's target, outside the load steps (pre-flight, upload slots). */
import type { ConnectionTarget, VirtualUser } from '../steps/types.js';
import { openSession, type Session } from '../xmpp/index.js';

/** Opens a session for `user` with the target's transport, trust and cleartext rule. */
export function loginUser(target: ConnectionTarget, user: VirtualUser, timeoutMs: number): Promise<Session> {
  return openSession({
    domain: user.domain,
    host: target.host,
    port: target.port,
    tls: target.tls,
    transport: target.transport,
    url: target.url,
    ca: target.caPem,
    allowCleartextAuth: target.allowCleartextAuth,
    username: user.username,
    password: user.password,
    timeoutMs,
  });
}
