/** XEP-0077 in-band registration of one account, on a stream of its own. */
import { XmppConnectError } from './errors.js';
import { openSecureStream, type StreamTarget } from './secure-stream.js';
import { negotiationIq } from './stream-iq.js';
import { xml } from './xml.js';

const NS_REGISTER = 'jabber:iq:register';
const NS_REGISTER_FEATURE = 'http://jabber.org/features/iq-register';

export interface Registration extends StreamTarget {
  username: string;
  password: string;
  /** Registering over an unencrypted stream sends the password in the clear (XEP-0077 §11). */
  allowCleartextAuth?: boolean;
}

/**
 * Registers the account; rejects with XmppStanzaError (e.g. `conflict` for a taken name,
 * `not-acceptable`, `service-unavailable` when registration is off) or a connect error.
 */
export async function registerAccount(registration: Registration): Promise<void> {
  if (registration.tls === 'none' && !registration.allowCleartextAuth) {
    throw new XmppConnectError('other', 'refusing to register over an unencrypted stream; allow_cleartext_auth must be set explicitly');
  }
  const { stream, socket, features } = await openSecureStream(registration);
  const timeoutMs = registration.timeoutMs ?? 10_000;
  try {
    if (!features.getChild('register', NS_REGISTER_FEATURE)) {
      throw new XmppConnectError('other', 'the server does not offer in-band registration (XEP-0077)');
    }
    const query = xml(
      'query',
      { xmlns: NS_REGISTER },
      xml('username', {}, registration.username),
      xml('password', {}, registration.password),
    );
    await negotiationIq(stream, query, timeoutMs, 'registration result');
    await stream.close(timeoutMs).catch(() => undefined);
  } finally {
    stream.destroy();
    socket.destroy();
  }
}
