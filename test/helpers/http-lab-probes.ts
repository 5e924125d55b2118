/** What a lab server's HTTP side must offer, probed as a client would (lab CA, URL host names). */
import type { Test } from 'tap';
import { readFile } from 'node:fs/promises';
import type { LabServer } from '../../src/lab/types.js';
import { fetchBounded, linksFromJson, linksFromXrd, REL } from '../../src/xmpp/index.js';

export async function expectHttpSide(t: Test, lab: LabServer): Promise<void> {
  const http = lab.http;
  if (!http) return void t.fail(`${lab.kind} has no HTTP side`);
  const ca = await readFile(lab.caFile, 'utf8');
  const get = (url: string) => fetchBounded({ url, ca, host: lab.host, timeoutMs: 10_000 }, { origin: 'https://client.example' });
  const expected = [
    { rel: REL.websocket, href: http.websocket },
    { rel: REL.bosh, href: http.bosh },
  ];
  const xrd = await get(http.hostMeta);
  t.equal(xrd.status, 200, 'host-meta answers');
  t.match(xrd.headers['content-type'], /^application\/xrd\+xml/, 'host-meta is an XRD document');
  t.ok(xrd.headers['access-control-allow-origin'], 'host-meta allows cross-origin reads (CORS)');
  t.same(linksFromXrd(xrd.body).filter((link) => link.rel.startsWith('urn:xmpp:alt-connections')).sort((a, b) => a.rel.localeCompare(b.rel)), expected);
  const json = await get(`${http.hostMeta}.json`);
  t.equal(json.status, 200, 'host-meta.json answers');
  t.match(json.headers['content-type'], /^application\/json/);
  t.same(linksFromJson(json.body).filter((link) => link.rel.startsWith('urn:xmpp:alt-connections')).sort((a, b) => a.rel.localeCompare(b.rel)), expected);
  await t.rejects(fetchBounded({ url: http.hostMeta, host: lab.host, timeoutMs: 10_000 }), /certificate|self.signed|issuer/i, 'without the lab CA the certificate is refused');
}

/** Over WebSocket and BOSH the certificate is checked as over TCP: without the lab CA, no session. */
export async function expectUntrustedRefused(t: Test, lab: LabServer): Promise<void> {
  const { openSession } = await import('../../src/xmpp/index.js');
  for (const transport of ['websocket', 'bosh'] as const) {
    const url = transport === 'websocket' ? lab.http!.websocket : lab.http!.bosh;
    const opening = openSession({ domain: lab.domains[0], host: lab.host, tls: 'direct', transport, url, username: 'nobody', password: 'x', timeoutMs: 10_000 });
    await t.rejects(opening, { name: 'XmppConnectError', reason: 'tls-untrusted' }, `${transport}: an untrusted certificate ends the attempt`);
  }
  const plain = openSession({ domain: lab.domains[0], host: lab.host, tls: 'direct', transport: 'websocket', url: lab.http!.websocket.replace('wss:', 'ws:'), username: 'nobody', password: 'x' });
  await t.rejects(plain, { name: 'XmppConnectError', reason: 'tls-unavailable' }, 'a ws:// URL is refused unless tls: none says so');
}
