/**
 * The host's visible services, asked over the observer's authenticated s2s link: disco#info and
 * disco#items of the domain (XEP-0030), disco#info of each item (capped), and the software
 * version (XEP-0092). Queries go one at a time; the answers come back on the host's own link
 * to our listener. XEP-0157 contacts and the XEP-0363 size limit are read from the data forms.
 */
import { randomBytes } from 'node:crypto';
import { NS, xml, type Element } from '../../xmpp/index.js';
import { withinDomain } from '../../util/host-name.js';
import { boundedText } from '../../util/bounded-text.js';
import type { Evidence, ServiceInventory } from '../facts.js';
import type { Authority, PeerAuth } from '../../s2s/index.js';
import type { RankObserver } from './observer.js';

const NS_VERSION = 'jabber:iq:version';
const NS_DATA = 'jabber:x:data';
const SERVER_INFO = 'http://jabber.org/network/serverinfo';
/** Caps on what one host may make us keep or ask (politeness and bounded facts). */
const MAX_ITEMS = 24;
const MAX_FEATURES = 256;
const MAX_TEXT = 200;

export interface InventoryProbeResult {
  inventory?: ServiceInventory;
  evidence: Evidence[];
  unknown: Record<string, string>;
}

function short(text: unknown): string {
  return String(text ?? '').trim().slice(0, MAX_TEXT);
}

function features(query: Element | undefined): string[] {
  return [...new Set((query?.getChildren('feature') ?? []).map((f) => short(f.attrs.var)).filter(Boolean))].slice(0, MAX_FEATURES);
}

function identities(query: Element | undefined): Array<{ category: string; type: string; name?: string }> {
  return (query?.getChildren('identity') ?? []).slice(0, 16).map((i) => ({ category: short(i.attrs.category), type: short(i.attrs.type), ...(i.attrs.name ? { name: short(i.attrs.name) } : {}) }));
}

/** Fields of the data form with this FORM_TYPE (XEP-0128 extended disco info), var → values. */
export function formFields(query: Element | undefined, formType: string): Record<string, string[]> | undefined {
  for (const form of query?.getChildren('x', NS_DATA) ?? []) {
    const fields = form.getChildren('field');
    const type = fields.find((f) => f.attrs.var === 'FORM_TYPE')?.getChildText('value')?.trim();
    if (type !== formType) continue;
    const out: Record<string, string[]> = {};
    for (const field of fields.slice(0, 32)) {
      const name = short(field.attrs.var);
      if (!name || name === 'FORM_TYPE') continue;
      out[name] = field.getChildren('value').slice(0, 16).map((v) => short(v.text()));
    }
    return out;
  }
  return undefined;
}

/** `auth`: how the observer's link authenticates (EXTERNAL for a host that refuses dialback). */
export async function probeInventory(observer: RankObserver, domain: string, where: Authority, timeoutMs: number, auth?: PeerAuth): Promise<InventoryProbeResult> {
  const evidence: Evidence[] = [];
  const unknown: Record<string, string> = {};
  const asker = `rank@${observer.domain}/probe`;
  const ask = async (to: string, ns: string, fact: string): Promise<Element | undefined> => {
    const id = `rank-${randomBytes(6).toString('hex')}`;
    const reply = observer.network.waitFor((s) => s.name === 'iq' && s.attrs.id === id, timeoutMs);
    // If sending fails, that error is the one reported; the wait's own timeout is then moot.
    reply.catch(() => undefined);
    await observer.network.send(xml('iq', { type: 'get', id, from: asker, to }, xml('query', { xmlns: ns })), auth);
    const answer = await reply;
    const query = answer.attrs.type === 'result' ? answer.getChild('query', ns) : undefined;
    const condition = answer.getChild('error')?.getChildElements()[0]?.name;
    evidence.push({ probe: `iq get ${ns} to ${to} from ${asker}`, seen: boundedText(query ? `result with ${query.getChildElements().length} children` : `iq ${String(answer.attrs.type)}${condition ? ` <${condition}/>` : ''}`, 300), facts: [fact] });
    return query;
  };

  let info: Element | undefined;
  try {
    info = await ask(domain, NS.discoInfo, 'inventory.features');
  } catch (error) {
    // The first query also makes the link: its failure says federation is not usable for us.
    unknown.inventory = boundedText(`no disco#info answer through the observer's link: ${(error as Error).message}`, 300);
    evidence.push({ probe: `iq get ${NS.discoInfo} to ${domain}`, seen: unknown.inventory, facts: ['inventory'] });
    return { evidence, unknown };
  }
  const inventory: ServiceInventory = { features: features(info), identities: identities(info), items: [], contacts: formFields(info, SERVER_INFO) ?? {} };
  try {
    const items = await ask(domain, NS.discoItems, 'inventory.items');
    const jids = [...new Set((items?.getChildren('item') ?? []).map((i) => short(i.attrs.jid)).filter(Boolean))].slice(0, MAX_ITEMS);
    for (const jid of jids) {
      // Services on subdomains are reached through the host's own s2s port; others are not asked (another server).
      // Split by hand, not parsed: a hostile item address must not cost the other items.
      const itemDomain = jid.slice(jid.indexOf('@') + 1).split('/')[0]!;
      const local = withinDomain(itemDomain, domain);
      if (local) observer.locate(itemDomain, where);
      else evidence.push({ probe: `disco#info of ${jid}`, seen: 'not asked: outside the host\'s domain', facts: ['inventory.items'] });
      const itemInfo = local
        ? await ask(jid, NS.discoInfo, 'inventory.items').catch((error: unknown) => {
            evidence.push({ probe: `iq get ${NS.discoInfo} to ${jid}`, seen: boundedText((error as Error).message, 300), facts: ['inventory.items'] });
            return undefined;
          })
        : undefined;
      inventory.items.push({ jid, features: features(itemInfo), identities: identities(itemInfo).map(({ category, type }) => ({ category, type })) });
      const size = Number(formFields(itemInfo, NS.httpUpload)?.['max-file-size']?.[0]);
      if (Number.isSafeInteger(size) && size > 0) inventory.uploadMaxBytes = size;
    }
  } catch (error) {
    unknown['inventory.items'] = boundedText((error as Error).message, 300);
  }
  try {
    const version = await ask(domain, NS_VERSION, 'inventory.software');
    const name = short(version?.getChildText('name'));
    if (name) inventory.software = { name, ...(version?.getChildText('version') ? { version: short(version.getChildText('version')) } : {}), ...(version?.getChildText('os') ? { os: short(version.getChildText('os')) } : {}) };
    else unknown['inventory.software'] = 'the host does not answer software version queries';
  } catch (error) {
    unknown['inventory.software'] = boundedText((error as Error).message, 300);
  }
  return { inventory, evidence, unknown };
}
