/**
 * The stream features offered after authentication, read with a raw probe: informative features
 * such as roster versioning (RFC 6121 §2.6.1) and pre-approval (§3.4) are announced there.
 */
import type { Element, RawProbe } from '../../xmpp/index.js';
import type { CheckAccount, CheckContext } from '../types.js';
import { ServerFault } from '../blame.js';

export const NS_PREAPPROVAL = 'urn:xmpp:features:pre-approval';

/** Setup: a raw probe past STARTTLS and SCRAM-SHA-1 as `account`, ready for its next stream header. */
export async function authenticatedProbe(ctx: CheckContext, account: CheckAccount, label: string): Promise<RawProbe> {
  const probe = await ctx.raw({ label });
  await probe.open();
  await probe.startTls();
  if (!(await probe.authScram(account.username, account.password))) throw new ServerFault('setup: SCRAM-SHA-1 authentication failed on the raw probe');
  return probe;
}

export async function featuresAfterAuth(ctx: CheckContext, account: CheckAccount): Promise<Element> {
  const probe = await authenticatedProbe(ctx, account, 'features');
  const { features } = await probe.open();
  probe.close();
  if (!features) throw new Error('setup: no stream features after authentication');
  return features;
}

export function offers(features: Element, name: string, ns: string): boolean {
  return features.getChild(name, ns) !== undefined;
}
