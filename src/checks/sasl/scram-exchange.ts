/**
 * One SCRAM exchange over a raw probe with every knob a check needs: the mechanism name sent,
 * the gs2 flag ('y' for the downgrade probe), a channel binding (optionally tampered with). The
 * product's ScramClient computes the messages and verifies the server's nonce and signature.
 */
import { ScramClient, type RawProbe, type ScramHash } from '../../xmpp/index.js';
import { answer, base64, describe, isSasl, saslFailure, type Answer } from './stream-steps.js';

export interface ScramAttempt {
  /** Sent as-is in <auth mechanism=…/>, e.g. 'SCRAM-SHA-1' or 'SCRAM-SHA-1-PLUS'. */
  mechanism: string;
  username: string;
  password: string;
  /** For -PLUS: the binding type and the data we computed for this connection. */
  binding?: { type: string; data: Buffer };
  /** Flip the binding data's bits before use, so the proof binds to a channel that is not ours. */
  tamperBinding?: boolean;
  /** Send gs2 flag 'y' ("I could bind, but you offered no -PLUS"). */
  couldBind?: boolean;
}

export type ScramResult =
  /** <success/> and the server signature (v=) verified. */
  | { kind: 'success' }
  /** The server misbehaved inside SCRAM: its nonce or signature is wrong, or it sent e=. */
  | { kind: 'bad-server'; problem: string }
  | { kind: 'failure'; condition: string }
  /** Anything else: a stream error, a closed stream, silence, an unexpected element. */
  | { kind: 'other'; what: string };

function hashOf(mechanism: string): ScramHash {
  return mechanism.startsWith('SCRAM-SHA-256') ? 'SHA-256' : 'SHA-1';
}

function decode(reply: Answer): string {
  return reply.kind === 'element' ? Buffer.from(reply.element.text(), 'base64').toString('utf8') : '';
}

function ended(reply: Answer): ScramResult {
  const condition = saslFailure(reply);
  return condition ? { kind: 'failure', condition } : { kind: 'other', what: describe(reply) };
}

/** Client-side SCRAM errors are the server's fault here (bad nonce, bad v=, e=...). */
function serverFault(error: unknown): ScramResult {
  if ((error as Error).name === 'XmppAuthError') return { kind: 'bad-server', problem: (error as Error).message };
  throw error;
}

export async function scramExchange(probe: RawProbe, attempt: ScramAttempt): Promise<ScramResult> {
  const binding = attempt.binding && {
    type: attempt.binding.type,
    data: attempt.tamperBinding ? Buffer.from(attempt.binding.data.map((byte) => byte ^ 0xff)) : attempt.binding.data,
  };
  const client = new ScramClient({
    hash: hashOf(attempt.mechanism),
    username: attempt.username,
    password: attempt.password,
    channelBinding: binding,
    couldBind: attempt.couldBind,
  });
  probe.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='${attempt.mechanism}'>${base64(client.clientFirst())}</auth>`);
  const first = await answer(probe);
  if (!isSasl(first, 'challenge')) return ended(first);

  let clientFinal: string;
  try {
    clientFinal = await client.clientFinal(decode(first));
  } catch (error) {
    return serverFault(error);
  }
  probe.send(`<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${base64(clientFinal)}</response>`);
  let last = await answer(probe);
  if (isSasl(last, 'challenge')) {
    // Server-final may come as a challenge, then an empty response and <success/> (RFC 6120 §6.3.10).
    try {
      client.verifyServerFinal(decode(last));
    } catch (error) {
      return serverFault(error);
    }
    probe.send(`<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>`);
    last = await answer(probe);
    return isSasl(last, 'success') ? { kind: 'success' } : ended(last);
  }
  if (!isSasl(last, 'success')) return ended(last);
  try {
    client.verifyServerFinal(decode(last));
  } catch (error) {
    return serverFault(error);
  }
  return { kind: 'success' };
}

export function describeScram(result: ScramResult): string {
  switch (result.kind) {
    case 'success':
      return 'success with a verified server signature';
    case 'bad-server':
      return `the server's SCRAM messages are wrong (${result.problem})`;
    case 'failure':
      return `<failure><${result.condition}/></failure>`;
    case 'other':
      return result.what;
  }
}
