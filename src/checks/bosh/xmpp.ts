/** XMPP over BOSH (XEP-0206): version and features at creation, the stream prefix, the restart after SASL. */
import { NS, type BoshExchange, type Element } from '../../xmpp/index.js';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../types.js';
import { authenticated, BoshDriver, describeExchange, featuresOf, newSession, withoutBosh } from './support.js';

const XEP0206 = 'XEP-0206';

/** The value of an attribute of the xbosh namespace, whatever prefix the server bound it to. */
function xboshAttr(attrs: Record<string, string | undefined>, local: string): string | undefined {
  const prefixes = Object.entries(attrs).filter(([name, value]) => name.startsWith('xmlns:') && value === NS.xbosh).map(([name]) => name.slice(6));
  for (const prefix of prefixes) if (attrs[`${prefix}:${local}`] !== undefined) return attrs[`${prefix}:${local}`];
  return undefined;
}

/** A new session's stream features (and the response carrying them); the session is ended before the check judges. */
async function featuresOfNewSession(ctx: CheckContext): Promise<{ created: BoshExchange; features?: Element; carrier?: BoshExchange } | { skip: CheckOutcome }> {
  const opened = await newSession(ctx, 'look at');
  if ('skip' in opened) return opened;
  const { features, carrier } = await opened.driver.features();
  await opened.driver.terminate();
  return { created: opened.created, features, carrier };
}

const versionFeatures: CheckDefinition = {
  id: 'xep0206.bosh.version-features',
  title: "The session creation response (or the next) carries xmpp:version and <stream:features/>",
  area: 'bosh',
  level: 'SHOULD',
  spec: [{ doc: XEP0206, section: '4' }],
  async run(ctx): Promise<CheckOutcome> {
    const opened = await featuresOfNewSession(ctx);
    if ('skip' in opened) return opened.skip;
    const { created, features, carrier } = opened;
    const version = xboshAttr(created.body!.attrs, 'version') ?? (carrier?.body && xboshAttr(carrier.body.attrs, 'version'));
    const where = carrier === created ? 'the creation response' : 'the response after it';
    if (!features) return { outcome: 'violation', reason: `no <stream:features/> in the creation response or the next (${describeExchange(carrier ?? created)})` };
    if (!version) return { outcome: 'violation', reason: `<stream:features/> came in ${where}, but no xmpp:version attribute in either` };
    return { outcome: 'pass', reason: `xmpp:version='${version}' and <stream:features/> in ${where}` };
  },
};

const streamPrefix: CheckDefinition = {
  id: 'xep0206.bosh.stream-namespace',
  title: "A <body/> carrying <stream:features/> declares xmlns:stream itself",
  area: 'bosh',
  level: 'MUST',
  spec: [{ doc: XEP0206, section: '2' }],
  async run(ctx): Promise<CheckOutcome> {
    const opened = await featuresOfNewSession(ctx);
    if ('skip' in opened) return opened.skip;
    const { features, carrier } = opened;
    if (!features || !carrier?.body) return { outcome: 'skip', reason: 'no <stream:features/> came to look at' };
    const declared = carrier.body.attrs['xmlns:stream'];
    if (declared !== NS.stream) return { outcome: 'violation', reason: `the <body/> carrying <stream:features/> has xmlns:stream='${declared ?? '(none)'}'` };
    return { outcome: 'pass', reason: `the <body/> carrying <stream:features/> declares xmlns:stream='${NS.stream}'` };
  },
};

interface Restarted {
  driver: BoshDriver;
  /** Why the restart could not be tried (no session, no login). */
  skip?: CheckOutcome;
  reply?: BoshExchange;
  /** Absent when the server did not restart the stream. */
  features?: Element;
}

/** A session logged in with SASL, then the restart request. */
async function restartAfterSasl(ctx: CheckContext): Promise<Restarted> {
  const driver = new BoshDriver(ctx.bosh(), ctx.target.domain);
  const skip = await authenticated(ctx, driver);
  if (skip) return { skip, driver };
  const reply = await driver.restart();
  await driver.terminate();
  return { driver, features: featuresOf(reply), reply };
}

const restart: CheckDefinition = {
  id: 'xep0206.bosh.restart',
  title: "After SASL success, a restart request (xmpp:restart='true') brings new stream features with <bind/>",
  area: 'bosh',
  level: 'MUST',
  spec: [{ doc: XEP0206, section: '5' }],
  needs: { accounts: 1 },
  async run(ctx): Promise<CheckOutcome> {
    const unknown = withoutBosh(ctx);
    if (unknown) return unknown;
    const { skip, features, reply } = await restartAfterSasl(ctx);
    if (skip) return skip;
    if (!features) return { outcome: 'violation', reason: `the restart request got ${describeExchange(reply!)}, no <stream:features/>` };
    if (!features.getChild('bind', NS.bind)) return { outcome: 'violation', reason: 'the features after the restart offer no <bind/>' };
    return { outcome: 'pass', reason: 'the restart after SASL brought <stream:features/> with <bind/>' };
  },
};

const restartLogic: CheckDefinition = {
  id: 'xep0206.bosh.restartlogic',
  title: "A server that restarts streams says so: xmpp:restartlogic='true' in the creation response",
  area: 'bosh',
  level: 'MUST',
  spec: [{ doc: XEP0206, section: '4' }],
  needs: { accounts: 1 },
  async run(ctx): Promise<CheckOutcome> {
    const unknown = withoutBosh(ctx);
    if (unknown) return unknown;
    const { skip, features, driver } = await restartAfterSasl(ctx);
    if (skip) return skip;
    if (!features) return { outcome: 'skip', reason: 'the server did not restart the stream after SASL, so it need not advertise restarts' };
    const advertised = xboshAttr(driver.created!.body!.attrs, 'restartlogic');
    if (advertised !== 'true' && advertised !== '1') return { outcome: 'violation', reason: `the server restarts streams but its creation response has xmpp:restartlogic='${advertised ?? '(none)'}'` };
    return { outcome: 'pass', reason: `xmpp:restartlogic='${advertised}' advertised, and the restart after SASL worked` };
  },
};

export const xmppChecks: readonly CheckDefinition[] = [versionFeatures, streamPrefix, restart, restartLogic];
