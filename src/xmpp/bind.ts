/** Resource binding (RFC 6120 §7) and the legacy session IQ (RFC 3921 §3) when it is required. */
import { XmppConnectError, XmppServerFault } from './errors.js';
import { parseJid } from './jid.js';
import { negotiationIq as request } from './stream-iq.js';
import type { XmppStream } from './stream.js';
import { NS, xml, type Element } from './xml.js';

/** Binds a resource (the server picks one if none is asked for) and returns the full JID. */
export async function bindResource(
  stream: XmppStream,
  features: Element,
  options: { resource?: string; timeoutMs: number; account: string },
): Promise<string> {
  if (!features.getChild('bind', NS.bind)) {
    throw new XmppConnectError('other', 'the server offers no resource binding after authentication');
  }
  const bind = xml('bind', { xmlns: NS.bind }, options.resource ? xml('resource', {}, options.resource) : undefined);
  const result = await request(stream, bind, options.timeoutMs, 'resource binding result');
  const jid = result.getChild('bind', NS.bind)?.getChildText('jid');
  if (!jid) throw new XmppConnectError('other', 'the bind result carries no <jid/>');
  const problem = boundJidProblem(jid, options.account);
  if (problem) throw new XmppServerFault('bad-bind', problem);

  const session = features.getChild('session', NS.session);
  if (session && !session.getChild('optional')) {
    await request(stream, xml('session', { xmlns: NS.session }), options.timeoutMs, 'session establishment result');
  }
  return jid;
}

/**
 * Why the JID a server bound is not a full JID of the account that authenticated (RFC 6120
 * §7.6.3: the result carries "the full JID for the connected resource"), or undefined. The
 * resource may differ from the one asked for (§7.7.2.2); local and domain parts compare
 * case-insensitively.
 */
export function boundJidProblem(bound: string, account: string): string | undefined {
  const shown = JSON.stringify(bound.slice(0, 200));
  let parsed;
  try {
    parsed = parseJid(bound);
  } catch {
    return `the server bound the invalid JID ${shown}`;
  }
  if (!parsed.getDomain() || /[@/\s]/.test(parsed.getDomain())) return `the server bound the invalid JID ${shown}`;
  if (!parsed.getResource()) return `the server bound ${shown}, which has no resource`;
  if (parsed.bare().toString().toLowerCase() !== account.toLowerCase()) return `the server bound ${shown}, not a JID of the account ${account}`;
  return undefined;
}
