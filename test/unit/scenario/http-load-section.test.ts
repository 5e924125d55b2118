import t from 'tap';
import { loadScenarioText } from '../../../src/scenario/index.js';
import { outlineScenario } from '../../../src/scenario/outline.js';

const load = async (text: string) => loadScenarioText(text, 'http.yaml', { env: {} });
const ACCOUNTS = "accounts: { lab: { username: 'u{n}', password: 'pw{n}', count: 2 } }\n";

t.test('http_load alone makes a scenario; each phase is decoded with its defaults', async (t) => {
  const scenario = await load(`target: { lab: prosody }
${ACCOUNTS}http_load:
  - { endpoint: host-meta, amount: 100, connections: 2, pipelining: 4, rate: 50 }
  - { endpoint: bosh-session, name: sessions, duration: 2s, timeout: 3s }
  - { endpoint: url, amount: 5, request: { method: POST, url: /api, headers: { X-Test: yes }, body: hi } }
  - { endpoint: upload, files: 20, size: 65536, users: 2 }
`);
  t.same(scenario.flow, [], 'no flow');
  t.same(scenario.load.phases, [], 'no XMPP load phases');
  const [hostMeta, bosh, url, upload] = scenario.httpLoad;
  t.match(hostMeta, { endpoint: 'host-meta', label: 'host-meta', amount: 100, connections: 2, pipelining: 4, rate: 50, timeoutMs: undefined });
  t.match(bosh, { endpoint: 'bosh-session', label: 'sessions', duration: 2000, connections: 1, timeoutMs: 3000 });
  t.match(url, { endpoint: 'url', request: { method: 'POST', url: '/api', headers: { 'X-Test': 'yes' }, body: 'hi' } });
  t.match(upload, { endpoint: 'upload', label: 'upload', files: 20, size: 65536, users: 2, connections: 1 });
});

t.test('a scenario without http_load has none', async (t) => {
  const scenario = await load('target: { lab: prosody }\nchecks: {}\n');
  t.same(scenario.httpLoad, []);
});

t.test('bad http_load phases are refused with the reason', async (t) => {
  await t.rejects(load(`target: { lab: prosody }\nhttp_load: [{ endpoint: host-meta }]\n`), { message: /needs amount or duration/ });
  await t.rejects(load(`target: { lab: prosody }\nhttp_load: [{ endpoint: upload, files: 2, size: 10 }]\n`), { message: /upload phase needs accounts/ });
  await t.rejects(load(`target: { lab: prosody }\n${ACCOUNTS}http_load: [{ endpoint: upload, files: 10000, size: 1048576 }]\n`), { message: /files × size/ });
  await t.rejects(load(`target: { lab: prosody }\nhttp_load: [{ endpoint: host-meta, amount: 2, connections: 3 }]\n`), { message: /3 connections for 2 requests/ });
  await t.rejects(load(`target: { lab: prosody }\nhttp_load: [{ endpoint: host-meta, amount: 5, url: 'http://x.example/' }]\n`), { message: /url/ });
  await t.rejects(load(`target: { lab: prosody }\nhttp_load: [{ endpoint: gopher, amount: 5 }]\n`), { message: /endpoint/ });
  await t.rejects(load(`target: { lab: prosody }\nhttp_load: [{ endpoint: url, amount: 5, request: { url: /x, headers: { 'Bad Name': v } } }]\n`), { message: /headers/ });
});

t.test('thresholds may name the HTTP metrics, labelled or not', async (t) => {
  const scenario = await load(`target: { lab: prosody }
${ACCOUNTS}http_load: [{ endpoint: host-meta, amount: 10 }]
thresholds:
  http_latency{endpoint=host-meta}: ['p(99) < 100ms']
  upload_put: ['p(95) < 1s']
  http_failures: ['count == 0']
  http_responses{status=200}: ['count > 0']
  upload_rate: ['value > 0']
`);
  t.equal(Object.keys(scenario.thresholds).length, 5);
});

t.test('validate outlines each HTTP phase', async (t) => {
  const scenario = await load(`target: { lab: prosody }
${ACCOUNTS}http_load:
  - { endpoint: host-meta, amount: 100, duration: 5s, connections: 2, pipelining: 4, rate: 50 }
  - { endpoint: url, name: api, amount: 5, request: { method: POST, url: /api } }
  - { endpoint: upload, files: 20, size: 65536, users: 2, connections: 4 }
`);
  const outline = outlineScenario(scenario);
  t.match(outline, 'http 1    host-meta (host-meta): 100 requests or for 5.00s, 2 connection(s), pipelining 4, 50 requests/s');
  t.match(outline, 'http 2    api (url): POST /api, 5 requests, 1 connection(s)');
  t.match(outline, 'http 3    upload (upload): 20 files of 65536 bytes (slots for 2 user(s)), each PUT, read back and compared; 4 connection(s)');
});
