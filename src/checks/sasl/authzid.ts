/**
 * PLAIN over TLS with one user's password and another user's authzid, then bind: which identity
 * (if any) the server grants. Shared by the RFC check (which condition) and the security profile
 * (whether a session was granted as the other user).
 */
import type { CheckContext } from '../types.js';
import { answer, base64, describe, isSasl, mechanismsOf, openSecured, saslFailure } from './stream-steps.js';

export type AuthzidAttempt =
  | { kind: 'no-plain' }
  | { kind: 'refused'; condition?: string; answer: string }
  /** `bound`: the JID the session got; `asOther`: it is the foreign authzid's account. */
  | { kind: 'granted'; bound: string; asOther: boolean; other: string };

export async function tryForeignAuthzid(ctx: CheckContext): Promise<AuthzidAttempt> {
  const account = await ctx.account();
  const other = await ctx.account();
  const { probe, features } = await openSecured(ctx);
  if (!mechanismsOf(features).includes('PLAIN')) return { kind: 'no-plain' };
  ctx.note(`PLAIN over TLS as ${account.jid} asking to act as ${other.jid}`);
  probe.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${base64(`${other.jid}\0${account.username}\0${account.password}`)}</auth>`);
  const reply = await answer(probe);
  if (!isSasl(reply, 'success')) return { kind: 'refused', condition: saslFailure(reply), answer: describe(reply) };
  const bound = await probe.bind().catch((error: Error) => `no JID (${error.message})`);
  const bare = bound.split('/')[0]!.toLowerCase();
  return { kind: 'granted', bound, asOther: bare === other.jid.toLowerCase(), other: other.jid };
}
