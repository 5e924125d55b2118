/** Facts about the target that decide whether some checks can run at all, probed once per run. */
import { NS, openRawProbe } from '../xmpp/index.js';
import type { CheckTarget } from './types.js';

const NS_REGISTER_FEATURE = 'http://jabber.org/features/iq-register';

/** Undefined when in-band registration (XEP-0077) is offered after STARTTLS, else why not. */
export async function whyNoRegistration(target: CheckTarget): Promise<string | undefined> {
  let probe;
  try {
    probe = await openRawProbe({ domain: target.domain, host: target.host, port: target.port, ca: target.caPem, label: 'precondition' });
    const first = await probe.open();
    const secured = first.features?.getChild('starttls', NS.tls) ? await probe.startTls() : first;
    if (secured.features?.getChild('register', NS_REGISTER_FEATURE)) return undefined;
    return 'the server does not offer in-band registration (XEP-0077)';
  } catch (error) {
    return `could not find out whether in-band registration is offered: ${(error as Error).message}`;
  } finally {
    probe?.close();
  }
}
