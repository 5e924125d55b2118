/** The session creation response (XEP-0124 §7.1, §7.2): its attributes and the HTTP Content-Type. */
import type { BoshExchange } from '../../xmpp/index.js';
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { BoshDriver, describeExchange, newSession, REQUESTED_WAIT, withoutBosh } from './support.js';

const XEP0124 = 'XEP-0124';

/** The two sessions the creation check asks for: a usual one, and a polling one (XEP-0124 §12: no waiting). */
const ASKED = [
  { label: 'first', wait: REQUESTED_WAIT, hold: 1 },
  { label: 'second (polling)', wait: 0, hold: 0 },
] as const;

/** Problems with the attributes every creation response must carry (and their bounds). */
function requiredProblems(created: BoshExchange, asked: { wait: number; hold: number }): string[] {
  const attrs = created.body?.attrs ?? {};
  const problems = ['sid', 'wait', 'requests'].filter((name) => !attrs[name]).map((name) => `no '${name}'`);
  if (attrs.wait && !(Number(attrs.wait) <= asked.wait)) problems.push(`wait='${attrs.wait}' exceeds the ${asked.wait} we asked for`);
  if (attrs.hold && !(Number(attrs.hold) <= asked.hold)) problems.push(`hold='${attrs.hold}' exceeds the ${asked.hold} we asked for`);
  return problems;
}

const creationResponse: CheckDefinition = {
  id: 'xep0124.bosh.session-create',
  title: "The session creation response carries 'sid', 'wait' and 'requests'; 'wait' and 'hold' stay within what the client asked (a polling session's 0 too); each session gets its own sid",
  area: 'bosh',
  level: 'MUST',
  spec: [{ doc: XEP0124, section: '7.2' }],
  async run(ctx): Promise<CheckOutcome> {
    const unknown = withoutBosh(ctx);
    if (unknown) return unknown;
    const sids: string[] = [];
    for (const { label, ...asked } of ASKED) {
      const driver = new BoshDriver(ctx.bosh(), ctx.target.domain);
      const created = await driver.create({ wait: String(asked.wait), hold: String(asked.hold) });
      if (created.status !== 200 || !created.body || created.body.attrs.type === 'terminate') {
        return { outcome: 'violation', reason: `the ${label} session creation request got ${describeExchange(created)}` };
      }
      const problems = requiredProblems(created, asked);
      await driver.terminate();
      if (problems.length > 0) return { outcome: 'violation', reason: `the ${label} creation response: ${problems.join('; ')}` };
      sids.push(created.body.attrs.sid!);
    }
    if (sids[0] === sids[1]) return { outcome: 'violation', reason: `two sessions got the same sid '${sids[0]}'` };
    return { outcome: 'pass', reason: `two creation responses (one of a polling session) with sid, wait and requests, wait and hold within what was asked; different sids` };
  },
};

const OPTIONAL = ['ver', 'polling', 'inactivity', 'hold', 'from'] as const;

const creationDetails: CheckDefinition = {
  id: 'xep0124.bosh.session-create-details',
  title: "The session creation response also names 'ver', 'polling', 'inactivity', 'hold' and 'from'",
  area: 'bosh',
  level: 'SHOULD',
  spec: [{ doc: XEP0124, section: '7.2' }],
  async run(ctx): Promise<CheckOutcome> {
    const opened = await newSession(ctx, 'look at');
    if ('skip' in opened) return opened.skip;
    await opened.driver.terminate();
    const attrs = opened.created.body!.attrs;
    const missing = OPTIONAL.filter((name) => !attrs[name]);
    const present = OPTIONAL.filter((name) => attrs[name]).map((name) => `${name}='${attrs[name]}'`);
    if (missing.length > 0) return { outcome: 'violation', reason: `the creation response has no ${missing.map((name) => `'${name}'`).join(', ')}${present.length ? ` (it has ${present.join(' ')})` : ''}` };
    return { outcome: 'pass', reason: `the creation response has ${present.join(' ')}` };
  },
};

/** 'text/xml; charset=utf-8' however it is spaced, quoted or cased. */
function isXmlUtf8(contentType: string): boolean {
  const [media, ...params] = contentType.toLowerCase().split(';').map((part) => part.trim());
  return media === 'text/xml' && params.some((param) => param.replace(/\s|"/g, '') === 'charset=utf-8');
}

const contentType: CheckDefinition = {
  id: 'xep0124.bosh.content-type',
  title: "Without a 'content' attribute, responses carry Content-Type text/xml; charset=utf-8",
  area: 'bosh',
  level: 'MUST',
  spec: [{ doc: XEP0124, section: '7.1' }],
  async run(ctx): Promise<CheckOutcome> {
    const opened = await newSession(ctx, 'look at');
    if ('skip' in opened) return opened.skip;
    const { driver, created } = opened;
    // Two responses that come at once: an empty request would be held until 'wait' runs out.
    const ended = await driver.terminate();
    const seen = [['creation response', created], ['termination response', ended]] as const;
    for (const [what, exchange] of seen) {
      if (exchange?.status === 200 && !isXmlUtf8(exchange.contentType)) return { outcome: 'violation', reason: `the ${what} says Content-Type '${exchange.contentType || '(none)'}'` };
    }
    return { outcome: 'pass', reason: `the creation and termination responses say '${created.contentType}'` };
  },
};

export const sessionChecks: readonly CheckDefinition[] = [creationResponse, creationDetails, contentType];
