/**
 * A FAKE upload deployment, hand-written for the discovery and upload checks: an HTTPS server
 * (host-meta in both forms, PUT/GET of slots; certificate from the lab CA) and a fake XMPP
 * session whose upload service hands out slots on it. Each fault breaks exactly one rule; no
 * real server is known to break these (the lab servers are in checks-upload-discovery.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { labCa } from '../../../src/lab/index.js';
import type { IssuedCertificate } from '../../../src/lab/ca.js';
import type { CheckContext } from '../../../src/checks/types.js';
import { NS, xml, type Element } from '../../../src/xmpp/index.js';
import { FakeSession } from '../../helpers/fake-session.js';
import { noBoshEndpoint, noRawStreams } from './fake-context-stubs.js';

export const FAKE_DOMAIN = 'fake-upload.example';
const SERVICE = `upload.${FAKE_DOMAIN}`;
export const FAKE_LIMIT = 1000;
const MAX_BODY = 64 * 1024;
let issued: IssuedCertificate | undefined;

export type UploadFault =
  | 'xrd-as-text' // host-meta served as text/plain
  | 'no-jrd' // host-meta.json answers 404
  | 'no-cors' // no Access-Control-Allow-Origin
  | 'ws-link' // the websocket link is ws://
  | 'limit-unadvertised' // no max-file-size in disco#info, but over-size requests refused
  | 'limit-not-bytes' // max-file-size is '1 MB'
  | 'oversize-granted' // a slot over the limit is granted
  | 'plain-slot' // slot URLs are http://
  | 'counter-urls' // slot URLs count up
  | 'wrong-bytes' // GET returns other bytes than were PUT
  | 'length-ignored' // PUT with another Content-Length than the slot's size accepted
  | 'type-ignored' // PUT with another Content-Type than the slot's accepted
  | 'foreign-slot'; // slot URLs on a host outside the domain (must never be contacted)

interface Slot {
  size: number;
  contentType?: string;
  body?: Buffer;
}

export class FakeUploadWorld {
  readonly notes: string[] = [];
  /** Every request the HTTPS server got, as 'METHOD path'. */
  readonly requests: string[] = [];
  #server?: Server;
  #port = 0;
  #caPem = '';
  #slots = new Map<string, Slot>();
  #counter = 0;

  constructor(readonly fault?: UploadFault) {}

  async start(): Promise<this> {
    const ca = await labCa();
    // One key for every world of the process: RSA key generation is the slow part.
    issued ??= ca.issue([FAKE_DOMAIN, SERVICE]);
    const { certPem, keyPem } = issued;
    this.#caPem = ca.certPem;
    this.#server = createServer({ cert: certPem, key: keyPem }, (req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(chunk);
      });
      req.on('end', () => this.requests.push(`${req.method} ${req.url}`));
      req.on('end', () => this.#answer(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks), res));
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }

  context(): CheckContext {
    const session = new FakeSession(`user@${FAKE_DOMAIN}/fake`);
    session.iqHandler = (iq) => this.#iq(iq);
    return {
      target: { domain: FAKE_DOMAIN, host: '127.0.0.1', port: 5222, caPem: this.#caPem, http: { hostMeta: `https://${FAKE_DOMAIN}:${this.#port}/.well-known/host-meta` } },
      profile: 'rfc6120',
      signal: new AbortController().signal,
      account: async () => ({ username: 'user', password: 'unused', domain: FAKE_DOMAIN, jid: `user@${FAKE_DOMAIN}` }),
      login: async () => session.asSession(),
      raw: async () => noRawStreams(),
      bosh: noBoshEndpoint,
      note: (text) => void this.notes.push(text),
      barrier: async () => undefined,
    };
  }

  #iq(iq: Element): Element {
    const reply = (type: string, ...children: Element[]) => xml('iq', { type, id: iq.attrs.id, from: iq.attrs.to }, ...children);
    const info = iq.getChild('query', NS.discoInfo);
    if (info && iq.attrs.to === FAKE_DOMAIN) return reply('result', xml('query', { xmlns: NS.discoInfo }, xml('feature', { var: NS.discoInfo })));
    if (iq.getChild('query', NS.discoItems)) return reply('result', xml('query', { xmlns: NS.discoItems }, xml('item', { jid: SERVICE })));
    if (info) {
      const limit = this.fault === 'limit-not-bytes' ? '1 MB' : String(FAKE_LIMIT);
      const form = xml('x', { xmlns: 'jabber:x:data', type: 'result' }, xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS.httpUpload)), xml('field', { var: 'max-file-size' }, xml('value', {}, limit)));
      return reply('result', xml('query', { xmlns: NS.discoInfo }, xml('feature', { var: NS.httpUpload }), ...(this.fault === 'limit-unadvertised' ? [] : [form])));
    }
    const request = iq.getChild('request', NS.httpUpload)!;
    const size = Number(request.attrs.size);
    if (size > FAKE_LIMIT && this.fault !== 'oversize-granted') {
      const tooLarge = xml('file-too-large', { xmlns: NS.httpUpload }, xml('max-file-size', {}, String(FAKE_LIMIT)));
      return reply('error', xml('error', { type: 'modify' }, xml('not-acceptable', { xmlns: NS.stanzas }), tooLarge));
    }
    const id = this.fault === 'counter-urls' ? String(++this.#counter) : randomUUID();
    this.#slots.set(id, { size, contentType: request.attrs['content-type'] });
    const scheme = this.fault === 'plain-slot' ? 'http' : 'https';
    const host = this.fault === 'foreign-slot' ? 'files.elsewhere.example' : SERVICE;
    const url = `${scheme}://${host}:${this.#port}/u/${id}/${request.attrs.filename}`;
    return reply('result', xml('slot', { xmlns: NS.httpUpload }, xml('put', { url }), xml('get', { url })));
  }

  #answer(method: string, path: string, headers: Record<string, string | string[] | undefined>, body: Buffer, res: import('node:http').ServerResponse): void {
    const send = (status: number, type?: string, content: string | Buffer = '', extra: Record<string, string> = {}) => {
      res.writeHead(status, { ...(type ? { 'content-type': type } : {}), ...extra });
      res.end(content);
    };
    const cors: Record<string, string> = this.fault === 'no-cors' ? {} : { 'access-control-allow-origin': '*' };
    const ws = `${this.fault === 'ws-link' ? 'ws' : 'wss'}://${FAKE_DOMAIN}:${this.#port}/ws`;
    if (path === '/.well-known/host-meta') {
      const xrd = `<?xml version='1.0' encoding='utf-8'?><XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'><Link rel='urn:xmpp:alt-connections:websocket' href='${ws}'/></XRD>`;
      return send(200, this.fault === 'xrd-as-text' ? 'text/plain' : 'application/xrd+xml', xrd, cors);
    }
    if (path === '/.well-known/host-meta.json') {
      if (this.fault === 'no-jrd') return send(404);
      return send(200, 'application/json', JSON.stringify({ links: [{ rel: 'urn:xmpp:alt-connections:websocket', href: ws }] }), cors);
    }
    const slot = this.#slots.get(path.split('/')[2] ?? '');
    if (!slot) return send(404);
    if (method === 'GET') return slot.body ? send(200, slot.contentType, slot.body) : send(404);
    if (Number(headers['content-length']) !== slot.size && this.fault !== 'length-ignored') return send(413);
    if (slot.contentType && headers['content-type'] !== slot.contentType && this.fault !== 'type-ignored') return send(415);
    slot.body = this.fault === 'wrong-bytes' ? Buffer.from(body).reverse() : body;
    send(201);
  }
}
