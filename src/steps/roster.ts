/** The roster (RFC 6121 §2) as the steps keep it: items by bare JID, kept current from pushes. */
import { bareJid, NS, xml, type Element } from '../xmpp/index.js';


export interface RosterItem {
  jid: string;
  name?: string;
  /** none | to | from | both | remove (a push announcing a removal). */
  subscription: string;
  /** `subscribe` while a request sent by this user waits for an answer. */
  ask?: string;
  groups: string[];
}

export function parseRosterItems(query: Element): RosterItem[] {
  return query.getChildren('item').flatMap((item) => {
    const jid = item.attrs.jid;
    if (!jid) return [];
    return [
      {
        jid: bareJid(jid),
        name: item.attrs.name,
        subscription: item.attrs.subscription ?? 'none',
        ask: item.attrs.ask,
        groups: item.getChildren('group').map((group) => group.text()),
      },
    ];
  });
}

/** Applies items from a result or a push: `subscription='remove'` deletes. */
export function applyRosterItems(roster: Map<string, RosterItem>, items: readonly RosterItem[]): void {
  for (const item of items) {
    if (item.subscription === 'remove') roster.delete(item.jid);
    else roster.set(item.jid, item);
  }
}

/** `<iq type='set'>` with one item; `remove` asks the server to delete it (§2.5). */
export function rosterSetIq(item: { jid: string; name?: string; groups?: readonly string[]; remove?: boolean }): Element {
  return xml(
    'iq',
    { type: 'set' },
    xml(
      'query',
      { xmlns: NS.roster },
      xml(
        'item',
        { jid: item.jid, name: item.name, subscription: item.remove ? 'remove' : undefined },
        ...(item.groups ?? []).map((group) => xml('group', {}, group)),
      ),
    ),
  );
}

export function rosterGetIq(): Element {
  return xml('iq', { type: 'get' }, xml('query', { xmlns: NS.roster }));
}

/** A roster push (§2.1.6): an iq set from the server carrying the query. */
export function rosterPushQuery(stanza: Element): Element | undefined {
  if (stanza.name !== 'iq' || stanza.attrs.type !== 'set') return undefined;
  return stanza.getChild('query', NS.roster);
}
