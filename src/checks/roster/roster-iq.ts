/** Roster requests and roster-push recognition (RFC 6121 §2), shared by roster and presence checks. */
import { NS, toElement, type Element, type Session } from '../../xmpp/index.js';
import { bare, describeReply, esc, request, uniqueId } from '../iq/exchange.js';
import { ServerFault } from '../blame.js';

export interface ItemSpec {
  jid: string;
  name?: string;
  groups?: readonly string[];
  /** Only 'remove' has a meaning in a roster set; other values probe that the server ignores them. */
  subscription?: string;
  ask?: string;
}

export function itemXml(item: ItemSpec): string {
  const attrs = [`jid='${esc(item.jid)}'`];
  if (item.name !== undefined) attrs.push(`name='${esc(item.name)}'`);
  if (item.subscription !== undefined) attrs.push(`subscription='${esc(item.subscription)}'`);
  if (item.ask !== undefined) attrs.push(`ask='${esc(item.ask)}'`);
  const groups = (item.groups ?? []).map((group) => `<group>${esc(group)}</group>`).join('');
  return `<item ${attrs.join(' ')}>${groups}</item>`;
}

/** A roster get; `ver` adds the versioning attribute (RFC 6121 §2.6.2). */
export function rosterGet(session: Session, ver?: string): Promise<Element | undefined> {
  const verAttr = ver === undefined ? '' : ` ver='${esc(ver)}'`;
  return request(session, `<iq type='get'><query xmlns='${NS.roster}'${verAttr}/></iq>`);
}

/** A fresh contact JID on `domain`, in nobody's roster yet. */
export function newContactJid(domain: string): string {
  return `${uniqueId('contact')}@${domain}`;
}

/** Setup: makes `session` an interested resource with a roster get (RFC 6121 §2.2); throws if refused. */
export async function becomeInterested(session: Session): Promise<void> {
  const reply = await rosterGet(session);
  if (reply?.attrs.type !== 'result') throw new (reply ? ServerFault : Error)(`setup: roster get → ${describeReply(reply)}`);
}

/** Setup: adds `item` with a roster set; throws if refused. */
export async function addItem(session: Session, item: ItemSpec): Promise<void> {
  const reply = await rosterSet(session, itemXml(item));
  if (reply?.attrs.type !== 'result') throw new (reply ? ServerFault : Error)(`setup: adding an item → ${describeReply(reply)}`);
}

/** A roster set with the given <item/> children (raw XML, so checks can send invalid sets). */
export function rosterSet(session: Session, items: string, to?: string): Promise<Element | undefined> {
  const toAttr = to ? ` to='${esc(to)}'` : '';
  return request(session, toElement(`<iq type='set'${toAttr}><query xmlns='${NS.roster}'>${items}</query></iq>`));
}

/** The <query/> of a roster result or push. */
export function rosterQuery(stanza: Element | undefined): Element | undefined {
  return stanza?.getChild('query', NS.roster);
}

/** The item for `jid` in a roster result or push. */
export function findItem(stanza: Element | undefined, jid: string): Element | undefined {
  return rosterQuery(stanza)
    ?.getChildren('item')
    .find((item) => bare(item.attrs.jid) === bare(jid));
}

/** True for a roster push (an IQ set carrying jabber:iq:roster), optionally about `jid`. */
export function isRosterPush(stanza: Element, jid?: string): boolean {
  if (stanza.name !== 'iq' || stanza.attrs.type !== 'set') return false;
  const query = rosterQuery(stanza);
  if (!query) return false;
  return jid === undefined || query.getChildren('item').some((item) => bare(item.attrs.jid) === bare(jid));
}

/** Matcher for a push about `jid` whose item satisfies `accept`. */
export function pushAbout(jid: string, accept: (item: Element) => boolean = () => true): (stanza: Element) => boolean {
  return (stanza) => {
    const item = isRosterPush(stanza, jid) ? findItem(stanza, jid) : undefined;
    return item !== undefined && accept(item);
  };
}

/** The subscription state an item shows ('none' when the attribute is absent). */
export function subscriptionOf(item: Element | undefined): string {
  return item?.attrs.subscription ?? 'none';
}
