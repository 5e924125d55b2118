/**
 * XEP-0363 HTTP upload over a logged-in session: find the upload service (disco#items of the
 * domain, then disco#info of each item, §3) and ask it for a slot (§4). The service's answers
 * are bounded: a few items looked at, headers limited to the ones §4 allows.
 */
import type { Session } from './session.js';
import { NS, xml, type Element } from './xml.js';

/** How many disco#items entries are asked for their features before giving up. */
const MAX_ITEMS_PROBED = 16;
/** The only request headers a slot may carry (XEP-0363 §4); others are dropped. */
const ALLOWED_HEADERS = new Set(['authorization', 'cookie', 'expires']);

export interface UploadService {
  jid: string;
  /** The advertised max-file-size (XEP-0363 §3, a data form field), when given as a byte count. */
  maxFileSize?: number;
  /** The field's text as sent (at most 64 characters), when the field is there at all. */
  maxFileSizeText?: string;
}

export interface UploadSlot {
  putUrl: string;
  getUrl: string;
  /** Headers to send with the PUT (only those §4 allows). */
  putHeaders: Record<string, string>;
}

export interface SlotRequest {
  filename: string;
  size: number;
  contentType?: string;
}

const formType = (form: Element) => form.getChildren('field').find((field) => field.attrs.var === 'FORM_TYPE')?.getChildText('value');

/**
 * The max-file-size field of an upload service's disco#info forms, if any: as sent, and as a byte
 * count. The form typed urn:xmpp:http:upload:0 comes first (ejabberd also sends one for the older namespace).
 */
function maxFileSizeOf(info: Element): Pick<UploadService, 'maxFileSize' | 'maxFileSizeText'> {
  const forms = info.getChild('query', NS.discoInfo)?.getChildren('x', 'jabber:x:data') ?? [];
  for (const form of [...forms.filter((f) => formType(f) === NS.httpUpload), ...forms.filter((f) => formType(f) !== NS.httpUpload)]) {
    const field = form.getChildren('field').find((candidate) => candidate.attrs.var === 'max-file-size');
    if (!field) continue;
    const text = (field.getChildText('value') ?? '').slice(0, 64);
    const value = Number(text);
    return { maxFileSizeText: text, ...(/^\d+$/.test(text.trim()) && Number.isSafeInteger(value) && value > 0 ? { maxFileSize: value } : {}) };
  }
  return {};
}

function offersUpload(info: Element): boolean {
  return (info.getChild('query', NS.discoInfo)?.getChildren('feature') ?? []).some((feature) => feature.attrs.var === NS.httpUpload);
}

async function discoInfo(session: Session, jid: string, timeoutMs?: number): Promise<Element> {
  return session.iq(xml('iq', { type: 'get', to: jid }, xml('query', { xmlns: NS.discoInfo })), timeoutMs);
}

/** `jid` as an upload service (its advertised limit), or undefined when its disco#info lacks the feature. */
export async function uploadServiceAt(session: Session, jid: string, timeoutMs?: number): Promise<UploadService | undefined> {
  const info = await discoInfo(session, jid, timeoutMs);
  return offersUpload(info) ? { jid, ...maxFileSizeOf(info) } : undefined;
}

/** The domain's upload service, or undefined when neither the domain nor its items offer one. */
export async function findUploadService(session: Session, domain: string, timeoutMs?: number): Promise<UploadService | undefined> {
  const own = await discoInfo(session, domain, timeoutMs).catch(() => undefined);
  if (own && offersUpload(own)) return { jid: domain, ...maxFileSizeOf(own) };
  const items = await session.iq(xml('iq', { type: 'get', to: domain }, xml('query', { xmlns: NS.discoItems })), timeoutMs);
  const jids = (items.getChild('query', NS.discoItems)?.getChildren('item') ?? []).map((item) => item.attrs.jid).filter((jid): jid is string => typeof jid === 'string');
  for (const jid of jids.slice(0, MAX_ITEMS_PROBED)) {
    const info = await discoInfo(session, jid, timeoutMs).catch(() => undefined);
    if (info && offersUpload(info)) return { jid, ...maxFileSizeOf(info) };
  }
  return undefined;
}

/** The <request/> of XEP-0363 §4 (the caller sends it, to see an error reply as it came). */
export function slotRequest(service: string, request: SlotRequest): Element {
  const attrs: Record<string, string> = { xmlns: NS.httpUpload, filename: request.filename, size: String(request.size) };
  if (request.contentType) attrs['content-type'] = request.contentType;
  return xml('iq', { type: 'get', to: service }, xml('request', attrs));
}

/** The slot in a result; throws when the result carries none or its URLs are not HTTP(S). */
export function slotFrom(result: Element): UploadSlot {
  const slot = result.getChild('slot', NS.httpUpload);
  const put = slot?.getChild('put');
  const get = slot?.getChild('get');
  const putUrl = put?.attrs.url;
  const getUrl = get?.attrs.url;
  if (!put || typeof putUrl !== 'string' || typeof getUrl !== 'string') throw new Error('the slot result has no <slot/> with <put url/> and <get url/>');
  for (const url of [putUrl, getUrl]) if (!/^https?:\/\//.test(url)) throw new Error(`the slot URL is not HTTP(S): ${url.slice(0, 200)}`);
  const putHeaders: Record<string, string> = {};
  for (const header of put.getChildren('header')) {
    const name = String(header.attrs.name ?? '').toLowerCase();
    if (ALLOWED_HEADERS.has(name)) putHeaders[name] = header.text().replace(/[\r\n]/g, '');
  }
  return { putUrl, getUrl, putHeaders };
}

/** Asks `service` for a slot; a stanza error from the service rejects (as XmppStanzaError). */
export async function requestUploadSlot(session: Session, service: string, request: SlotRequest, timeoutMs?: number): Promise<UploadSlot> {
  return slotFrom(await session.iq(slotRequest(service, request), timeoutMs));
}
