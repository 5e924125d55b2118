/**
 * FAKE presence routing for the in-memory server: broadcast, directed presence and the
 * subscription state machine of RFC 6121 §3–§4, each rule switchable off by a named fault.
 */
import { toElement, type Element } from '../../../src/xmpp/index.js';
import type { FakeWorld, Item, WorldSession } from './presence-fake-server.js';

const bareOf = (jid = '') => jid.split('/')[0]!;

/** A copy of `stanza` from `from` to `to`; `plain` keeps only show/status/priority. */
function copy(stanza: Element, from: string, to: string, plain = false): Element {
  const out = toElement(stanza.toString());
  out.attrs.from = from;
  out.attrs.to = to;
  if (plain) out.children = out.getChildElements().filter((c) => ['show', 'status', 'priority'].includes(c.name));
  return out;
}

function ensure(world: FakeWorld, owner: string, jid: string): Item {
  const roster = world.users.get(owner)!.roster;
  if (!roster.has(jid)) roster.set(jid, { subscription: 'none', groups: [] });
  return roster.get(jid)!;
}

const grantsFrom = (item?: Item) => item?.subscription === 'from' || item?.subscription === 'both';
const grantsTo = (item?: Item) => item?.subscription === 'to' || item?.subscription === 'both';
const priorityOf = (s: WorldSession) => Number(s.last?.getChildText('priority') ?? 0);

function toOnline(world: FakeWorld, bare: string, stanza: Element): void {
  for (const s of world.online(bare)) {
    if (world.has('negative-no-presence') && priorityOf(s) < 0 && stanza.attrs.type === undefined) continue;
    world.deliver(s, stanza);
  }
}

function broadcast(world: FakeWorld, from: WorldSession, presence: Element): void {
  const type = presence.attrs.type;
  const initial = !from.available && type === undefined;
  from.available = type === undefined;
  from.last = copy(presence, from.full, from.bare);
  const roster = world.users.get(from.bare)!.roster;
  const skipContacts = (type === 'unavailable' && world.has('no-unavailable-broadcast')) || (!initial && type === undefined && world.has('no-broadcast-update'));
  if (!skipContacts) {
    for (const [jid, item] of roster) {
      if (!grantsFrom(item)) continue;
      const out = copy(presence, from.full, jid, world.has('strip-extensions'));
      if (world.has('priority-mismatch')) out.children = out.getChildElements().filter((c) => c.name !== 'priority');
      toOnline(world, jid, out);
    }
  }
  for (const s of world.sessions.filter((x) => x.bare === from.bare && (x.available || x === from))) {
    if (s === from && world.has('no-self-echo')) continue;
    world.deliver(s, copy(presence, from.full, from.bare));
  }
  if (type === 'unavailable') {
    for (const to of from.directed) for (const s of world.sessions.filter((x) => x.full === to || x.bare === to)) world.deliver(s, copy(presence, from.full, to));
    from.directed.clear();
  } else if (world.has('directed-in-broadcast')) {
    for (const to of from.directed) for (const s of world.sessions.filter((x) => x.full === to)) world.deliver(s, copy(presence, from.full, to));
  }
  if (!initial) return;
  if (!world.has('no-probe'))
    for (const [jid, item] of roster) if (grantsTo(item)) for (const s of world.online(jid)) world.deliver(from, copy(s.last!, s.full, from.bare));
  for (const request of world.users.get(from.bare)!.pendingIn.values()) world.deliver(from, request);
}

function directed(world: FakeWorld, from: WorldSession, presence: Element): void {
  const to = presence.attrs.to!;
  if (!world.users.has(bareOf(to))) {
    if (world.has('bounce-missing-user')) world.deliver(from, `<presence type='error' from='${to}'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`);
    // The same bounce, but sent from the domain (the case the check once missed).
    if (world.has('bounce-missing-user-from-domain')) world.deliver(from, `<presence type='error' from='${bareOf(to).split('@')[1]}'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`);
    return;
  }
  const targets = world.sessions.filter((s) => (to.includes('/') ? s.full === to : s.bare === to && s.available));
  for (const s of targets) world.deliver(s, copy(presence, from.full, to));
  if (presence.attrs.type === 'unavailable') from.directed.delete(to);
  else if (!grantsFrom(world.users.get(from.bare)!.roster.get(bareOf(to)))) from.directed.add(to);
}

/** The target side of an approval (RFC 6121 §3.1.6). */
function inboundSubscribed(world: FakeWorld, target: string, sender: string, stanza: Element): void {
  const item = world.users.get(target)!.roster.get(sender);
  if (!item?.ask || grantsTo(item)) {
    if (world.has('deliver-ignored')) toOnline(world, target, stanza);
    return;
  }
  item.ask = false;
  item.subscription = item.subscription === 'from' ? 'both' : 'to';
  if (world.has('push-before-subscribed')) world.push(target, sender, item);
  toOnline(world, target, stanza);
  if (!world.has('push-before-subscribed')) world.push(target, sender, item);
  if (!world.has('no-presence-after-approval')) for (const s of world.online(sender)) toOnline(world, target, copy(s.last!, s.full, target));
}

function subscription(world: FakeWorld, from: WorldSession, presence: Element, type: string): void {
  const sender = from.bare;
  const target = bareOf(presence.attrs.to);
  const out = copy(presence, type === 'subscribe' && world.has('subscribe-from-full') ? from.full : sender, target);
  const targetUser = world.users.get(target);
  const mine = world.users.get(sender)!;
  if (type === 'subscribe') {
    const item = ensure(world, sender, target);
    if (!grantsTo(item)) {
      item.ask = true;
      if (!world.has('no-ask-push')) world.push(sender, target, item);
    }
    if (!targetUser) return;
    const theirs = targetUser.roster.get(sender);
    if (grantsFrom(theirs) && !world.has('no-auto-reply')) return toOnline(world, sender, toElement(`<presence type='subscribed' from='${target}' to='${sender}'/>`));
    if (theirs?.approved) {
      theirs.approved = false;
      theirs.subscription = theirs.subscription === 'to' ? 'both' : 'from';
      world.push(target, sender, theirs);
      return inboundSubscribed(world, sender, target, toElement(`<presence type='subscribed' from='${target}' to='${sender}'/>`));
    }
    const stored = world.has('strip-stored') ? copy(out, sender, target, true) : out;
    targetUser.pendingIn.set(sender, stored);
    if (world.has('store-twice')) targetUser.pendingIn.set(`${sender}#again`, stored);
    if (world.online(target).length) toOnline(world, target, out);
    return;
  }
  const item = mine.roster.get(target);
  if (type === 'subscribed') {
    if (grantsFrom(item)) return;
    if (!mine.pendingIn.has(target)) {
      if (!world.preApproval) return;
      const approved = ensure(world, sender, target);
      approved.approved = true;
      world.push(sender, target, approved);
      if (world.has('route-preapproval') && targetUser) toOnline(world, target, out);
      return;
    }
    mine.pendingIn.delete(target);
    mine.pendingIn.delete(`${target}#again`);
    const granted = ensure(world, sender, target);
    granted.subscription = granted.subscription === 'to' ? 'both' : 'from';
    world.push(sender, target, granted);
    if (targetUser) inboundSubscribed(world, target, sender, out);
    return;
  }
  const theirs = targetUser?.roster.get(sender);
  if (type === 'unsubscribed') {
    mine.pendingIn.delete(target);
    if (!grantsFrom(item)) return world.has('deliver-ignored') && targetUser ? toOnline(world, target, out) : undefined;
    item!.subscription = item!.subscription === 'both' ? 'to' : 'none';
    const unavailable = () => world.online(sender).forEach((s) => toOnline(world, target, toElement(`<presence type='unavailable' from='${s.full}' to='${target}'/>`)));
    if (!world.has('unsubscribed-first')) unavailable();
    if (grantsTo(theirs)) {
      toOnline(world, target, out);
      theirs!.subscription = theirs!.subscription === 'both' ? 'from' : 'none';
      world.push(target, sender, theirs!);
    }
    if (world.has('unsubscribed-first')) unavailable();
    world.push(sender, target, item!);
    return;
  }
  if (grantsTo(item)) {
    item!.subscription = item!.subscription === 'both' ? 'from' : 'none';
    item!.ask = false;
    world.push(sender, target, item!);
  }
  if (!grantsFrom(theirs)) return world.has('deliver-ignored') && targetUser ? toOnline(world, target, out) : undefined;
  toOnline(world, target, out);
  theirs!.subscription = theirs!.subscription === 'both' ? 'to' : 'none';
  world.push(target, sender, theirs!);
  if (!world.has('no-unavailable-on-unsubscribe')) for (const s of world.online(target)) toOnline(world, sender, toElement(`<presence type='unavailable' from='${s.full}' to='${sender}'/>`));
}

export function routePresence(world: FakeWorld, from: WorldSession, presence: Element): void {
  const type = presence.attrs.type;
  if (type === undefined || type === 'unavailable') return presence.attrs.to ? directed(world, from, presence) : broadcast(world, from, presence);
  if (['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed'].includes(type)) subscription(world, from, presence, type);
}
