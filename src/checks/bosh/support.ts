/**
 * Shared steps of the bosh checks: one BOSH session driven request by request on a raw probe
 * (the check picks every rid and sid), session creation with the attributes XEP-0124 §7.1 and
 * XEP-0206 §3 name, waiting for features, SASL and the XEP-0206 §5 restart.
 */
import { randomInt } from 'node:crypto';
import { Element, NS, ScramClient, type BoshExchange, type BoshProbe } from '../../xmpp/index.js';
import type { CheckAccount, CheckContext, CheckOutcome } from '../types.js';

export const NO_BOSH = 'no BOSH endpoint known: give --bosh-url (a --lab server without an HTTP side has none)';
/** The 'wait' we ask for: short, so a request the server holds costs a check little. */
export const REQUESTED_WAIT = 6;
/** Empty requests sent while waiting for something the server has not sent yet. */
const MAX_POLLS = 3;

/** The skip outcome when the target has no BOSH endpoint. */
export function withoutBosh(ctx: CheckContext): CheckOutcome | undefined {
  return ctx.target.http?.bosh ? undefined : { outcome: 'skip', reason: NO_BOSH };
}

/** A <body/> of the httpbind namespace with these attributes around `payload`. */
export function bodyText(attrs: Record<string, string>, payload = ''): string {
  const empty = new Element('body', { xmlns: NS.httpbind, ...attrs }).toString();
  return payload === '' ? empty : `${empty.slice(0, -2)}>${payload}</body>`;
}

/** A response in a few words, for reasons: status, type/condition, its children. */
export function describeExchange(exchange: BoshExchange): string {
  if (!exchange.body) return `HTTP ${exchange.status} that is not a BOSH <body/> (${exchange.problem ?? 'unreadable'})`;
  const { type, condition } = exchange.body.attrs;
  const children = exchange.body.children.filter((child): child is Element => child instanceof Element).map((child) => `<${child.name}/>`);
  const kind = type ? ` type='${type}'${condition ? ` condition='${condition}'` : ''}` : '';
  return `HTTP ${exchange.status} <body${kind}>${children.length > 0 ? ` with ${children.join(' ')}` : ' (empty)'}`;
}

/** True when the response ends the session (a terminal binding condition, or a legacy HTTP error). */
export function isTerminal(exchange: BoshExchange): boolean {
  return exchange.status !== 200 || exchange.body?.attrs.type === 'terminate';
}

export function featuresOf(exchange: BoshExchange): Element | undefined {
  // Any prefix: whether it is declared where XEP-0206 §2 wants is a check of its own.
  return exchange.body?.children.find((child): child is Element => child instanceof Element && child.name.split(':').pop() === 'features');
}

/** One BOSH session as the check drives it: rid counting and the sid, nothing else. */
export class BoshDriver {
  readonly probe: BoshProbe;
  readonly #domain: string;
  rid = randomInt(1, 2 ** 32);
  sid?: string;
  created?: BoshExchange;

  constructor(probe: BoshProbe, domain: string) {
    this.probe = probe;
    this.#domain = domain;
  }

  /** The session creation request (XEP-0124 §7.1, XEP-0206 §3); `extra` adds or overrides attributes. */
  async create(extra: Record<string, string> = {}): Promise<BoshExchange> {
    const attrs = { rid: String(this.rid++), to: this.#domain, 'xml:lang': 'en', ver: '1.11', wait: String(REQUESTED_WAIT), hold: '1', 'xmpp:version': '1.0', 'xmlns:xmpp': NS.xbosh, ...extra };
    this.created = await this.probe.post(bodyText(attrs), REQUESTED_WAIT);
    this.sid = this.created.body?.attrs.sid;
    return this.created;
  }

  /** The next request of the session (next rid, our sid) carrying `payload`. */
  send(payload = '', extra: Record<string, string> = {}): Promise<BoshExchange> {
    if (!this.sid) throw new Error('no BOSH session to send on');
    return this.probe.post(bodyText({ rid: String(this.rid++), sid: this.sid, ...extra }, payload), REQUESTED_WAIT);
  }

  /**
   * Sends `payload`, then empty requests while the answers are empty (the server may answer one
   * request and deliver on the next): the first response with children, or the last one.
   */
  async exchange(payload = '', extra: Record<string, string> = {}): Promise<BoshExchange> {
    let reply = await this.send(payload, extra);
    for (let poll = 0; poll < MAX_POLLS && !isTerminal(reply) && reply.body?.children.length === 0; poll++) reply = await this.send();
    return reply;
  }

  /** The stream features: in the creation response, or in a following one (XEP-0206 §4). */
  async features(): Promise<{ features?: Element; carrier?: BoshExchange }> {
    if (this.created && featuresOf(this.created)) return { features: featuresOf(this.created), carrier: this.created };
    const reply = await this.exchange();
    return { features: featuresOf(reply), carrier: reply };
  }

  /** SASL with SCRAM-SHA-1 (PLAIN only over https, when no SCRAM is offered). Resolves to why it failed, or undefined. */
  async authenticate(account: CheckAccount, features: Element): Promise<string | undefined> {
    const offered = features.getChild('mechanisms', NS.sasl)?.getChildren('mechanism').map((m) => m.text()) ?? [];
    const secure = this.probe.secure;
    if (offered.includes('SCRAM-SHA-1')) return this.#scram(account);
    if (offered.includes('PLAIN') && secure) {
      const token = Buffer.from(`\0${account.username}\0${account.password}`).toString('base64');
      return outcomeOf(await this.exchange(`<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${token}</auth>`));
    }
    return `no usable SASL mechanism offered over BOSH (${offered.join(', ') || 'none'})`;
  }

  async #scram(account: CheckAccount): Promise<string | undefined> {
    const client = new ScramClient({ hash: 'SHA-1', username: account.username, password: account.password });
    const first = await this.exchange(`<auth xmlns='${NS.sasl}' mechanism='SCRAM-SHA-1'>${base64(client.clientFirst())}</auth>`);
    const challenge = first.body?.getChild('challenge', NS.sasl);
    if (!challenge) return `SASL got ${describeExchange(first)}`;
    const final = await client.clientFinal(unbase64(challenge.text()));
    const last = await this.exchange(`<response xmlns='${NS.sasl}'>${base64(final)}</response>`);
    const success = last.body?.getChild('success', NS.sasl);
    if (success) client.verifyServerFinal(unbase64(success.text()));
    return outcomeOf(last);
  }

  /** The XEP-0206 §5 restart request. */
  restart(): Promise<BoshExchange> {
    return this.exchange('', { to: this.#domain, 'xml:lang': 'en', 'xmpp:restart': 'true', 'xmlns:xmpp': NS.xbosh });
  }

  /** Ends the session politely when a check leaves it open (errors ignored: the session may be gone). */
  async terminate(): Promise<BoshExchange | undefined> {
    if (!this.sid) return undefined;
    return this.send('', { type: 'terminate' }).catch(() => undefined);
  }
}

function outcomeOf(reply: BoshExchange): string | undefined {
  return reply.body?.getChild('success', NS.sasl) ? undefined : `SASL got ${describeExchange(reply)}`;
}

function base64(text: string): string {
  return Buffer.from(text).toString('base64');
}

function unbase64(text: string): string {
  return Buffer.from(text.trim(), 'base64').toString();
}

/** A check's new session, or the skip outcome when the target has no BOSH endpoint or the creation request gets no sid. */
export type NewSession = { driver: BoshDriver; created: BoshExchange } | { skip: CheckOutcome };

/**
 * Opens a session for a check on the target's BOSH endpoint; `purpose` ends the skip reason
 * ('no session to look at', 'to test with'); `extra` adds or overrides creation attributes.
 */
export async function newSession(ctx: CheckContext, purpose: 'look at' | 'test with', extra: Record<string, string> = {}): Promise<NewSession> {
  const unknown = withoutBosh(ctx);
  if (unknown) return { skip: unknown };
  const driver = new BoshDriver(ctx.bosh(), ctx.target.domain);
  const created = await driver.create(extra);
  if (!driver.sid) return { skip: { outcome: 'skip', reason: `no session to ${purpose}: the creation request got ${describeExchange(created)}` } };
  return { driver, created };
}

/** The number of requests the server lets the client have open at once ('requests', XEP-0124 §7.2); 2 when it names none. */
export function requestWindow(created: BoshExchange): number {
  return Number(created.body?.attrs.requests) || 2;
}

/** A fresh session with its features and SASL done (for the XEP-0206 checks); a skip outcome when it cannot be had. */
export async function authenticated(ctx: CheckContext, driver: BoshDriver): Promise<CheckOutcome | undefined> {
  const created = await driver.create();
  if (!driver.sid) return { outcome: 'skip', reason: `no BOSH session to test with: the creation request got ${describeExchange(created)}` };
  const { features } = await driver.features();
  if (!features) return { outcome: 'skip', reason: 'no stream features came over BOSH to log in with' };
  const failed = await driver.authenticate(await ctx.account(), features);
  return failed ? { outcome: 'skip', reason: `logging in over BOSH failed: ${failed}` } : undefined;
}
