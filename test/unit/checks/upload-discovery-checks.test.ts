/**
 * The discovery (XEP-0156) and upload (XEP-0363) checks against the FAKE upload deployment:
 * each passes on the conformant fake and reports a violation when the one rule it guards is
 * broken. The lab servers' verdicts are in test/integration/checks-upload-discovery.test.ts.
 */
import t from 'tap';
import { CATALOGUE, verdictOf } from '../../../src/checks/index.js';
import type { CheckDefinition } from '../../../src/checks/types.js';
import { isTargetEndpoint } from '../../../src/checks/support/http.js';
import { FakeUploadWorld, type UploadFault } from './upload-fake-world.js';

const checks = CATALOGUE.filter((check) => check.area === 'discovery' || check.area === 'upload');

function byId(id: string): CheckDefinition {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
}

async function runOn(fault: UploadFault | undefined, id: string) {
  const world = await new FakeUploadWorld(fault).start();
  try {
    return await byId(id).run(world.context());
  } finally {
    await world.stop();
  }
}

const BROKEN: Array<[id: string, fault: UploadFault, reason: RegExp]> = [
  ['xep0156.discovery.xrd', 'xrd-as-text', /served as 'text\/plain', not application\/xrd\+xml/],
  ['xep0156.discovery.jrd', 'no-jrd', /host-meta\.json is not \(HTTP 404\)/],
  ['xep0156.discovery.cors', 'no-cors', /no Access-Control-Allow-Origin header/],
  ['xep0156.discovery.secure-links', 'ws-link', /points to 'ws:\/\/.*', not an https:\/\/ or wss:\/\/ URL/],
  ['xep0363.upload.max-file-size', 'limit-unadvertised', /no max-file-size in disco#info, yet a \d+-byte request was refused with <not-acceptable\/> naming a limit of 1000/],
  ['xep0363.upload.slot-https', 'plain-slot', /the slot has URLs without TLS: http:\/\//],
  ['xep0363.upload.unguessable-url', 'counter-urls', /differ by only 1 character/],
  ['xep0363.upload.get-after-put', 'wrong-bytes', /the GET returned 48 bytes that differ from the 48 uploaded/],
  ['xep0363.upload.content-length-enforced', 'length-ignored', /a 49-byte PUT into a slot requested for 48 bytes was accepted \(HTTP 201\)/],
  ['xep0363.upload.content-type-enforced', 'type-ignored', /a PUT as image\/png into a slot requested for text\/plain was accepted/],
];

const RECORDS = 'xep0363.upload.file-too-large';

t.test('every discovery and upload check passes on the conformant fake', async (t) => {
  t.equal(checks.length, 11, 'four discovery checks, seven upload checks');
  for (const check of checks.filter((c) => c.id !== RECORDS)) {
    const outcome = await runOn(undefined, check.id);
    t.equal(outcome.outcome, 'pass', `${check.id}: ${outcome.reason}`);
  }
});

for (const [id, fault, reason] of BROKEN) {
  t.test(`${id} catches the fake fault '${fault}'`, async (t) => {
    const outcome = await runOn(fault, id);
    t.equal(outcome.outcome, 'violation', outcome.reason);
    t.match(outcome.reason, reason);
    const level = byId(id).level;
    t.equal(verdictOf(byId(id), outcome), level === 'MUST' ? 'fail' : 'warn', `judged at ${level}`);
  });
}

t.test('xep0363.upload.max-file-size: a limit that is not a byte count breaks the MUST (secondary rule)', async (t) => {
  const outcome = await runOn('limit-not-bytes', 'xep0363.upload.max-file-size');
  t.same(outcome, { outcome: 'violation', of: 'secondary', reason: "max-file-size is '1 MB', not a number of bytes" });
  t.equal(verdictOf(byId('xep0363.upload.max-file-size'), outcome), 'fail');
});

t.test('xep0363.upload.file-too-large records a refusal naming the limit and a granted over-size slot alike (§6 only permits)', async (t) => {
  const check = byId(RECORDS);
  t.equal(check.level, 'INFO', 'no duty to judge');
  const refused = await runOn(undefined, RECORDS);
  t.same(refused, { outcome: 'info', reason: 'a 1001-byte request was refused with <not-acceptable/> with <file-too-large/> naming 1000 bytes' });
  const granted = await runOn('oversize-granted', RECORDS);
  t.same(granted, { outcome: 'info', reason: 'a 1001-byte request (limit 1000) got a slot: refusing it is optional' });
  t.equal(verdictOf(check, refused), 'info');
  t.equal(verdictOf(check, granted), 'info');
});

t.test('slot URLs on another host are never contacted: the transfer checks skip, the HTTP server sees nothing', async (t) => {
  const world = await new FakeUploadWorld('foreign-slot').start();
  t.teardown(() => world.stop());
  for (const id of ['xep0363.upload.get-after-put', 'xep0363.upload.content-length-enforced', 'xep0363.upload.content-type-enforced']) {
    const outcome = await byId(id).run(world.context());
    t.equal(outcome.outcome, 'skip', `${id}: ${outcome.reason}`);
    t.match(outcome.reason, /the slot URL https:\/\/files\.elsewhere\.example:\d+\/u\/.* is on another host than fake-upload\.example, its subdomains or the endpoints given; not contacted/);
  }
  t.same(world.requests, [], 'no request reached any HTTP server');
  t.notMatch(world.notes.join('\n'), /HTTP (PUT|GET)/, 'no HTTP exchange was even started');
  const tls = await byId('xep0363.upload.slot-https').run(world.context());
  t.equal(tls.outcome, 'pass', 'slot-https judges the URLs without contacting them');
});

t.test('a cleartext slot is judged by slot-https only: nothing is uploaded over http://', async (t) => {
  const world = await new FakeUploadWorld('plain-slot').start();
  t.teardown(() => world.stop());
  const outcome = await byId('xep0363.upload.get-after-put').run(world.context());
  t.equal(outcome.outcome, 'skip', outcome.reason);
  t.match(outcome.reason, /is not https:\/\/, so nothing was uploaded \(slot-https judges that\)/);
  t.same(world.requests, [], 'nothing sent');
});

t.test('a domain without host-meta skips the discovery checks; every HTTP exchange is in the wire log', async (t) => {
  const world = await new FakeUploadWorld().start();
  t.teardown(() => world.stop());
  const context = world.context();
  const bare = { ...context, target: { ...context.target, http: undefined, host: '127.0.0.1', domain: 'nothing-here.example' } };
  for (const check of checks.filter((c) => c.area === 'discovery')) {
    const outcome = await check.run(bare);
    t.equal(outcome.outcome, 'skip', `${check.id}: ${outcome.reason}`);
    t.match(outcome.reason, /no host-meta at https:\/\/nothing-here\.example\/\.well-known\/host-meta \(nothing listens there\)/);
  }
  await byId('xep0156.discovery.xrd').run(context);
  t.match(world.notes.join('\n'), /HTTP GET https:\/\/fake-upload\.example:\d+\/\.well-known\/host-meta\nHTTP GET answered 200, application\/xrd\+xml, \d+ bytes/);
});

t.test('xep0156.discovery.xrd fails an http:// host-meta URL without fetching it; the others skip', async (t) => {
  const world = await new FakeUploadWorld().start();
  t.teardown(() => world.stop());
  const context = world.context();
  const plain = { ...context, target: { ...context.target, http: { hostMeta: context.target.http!.hostMeta!.replace('https://', 'http://') } } };
  const xrd = await byId('xep0156.discovery.xrd').run(plain);
  t.equal(xrd.outcome, 'violation');
  t.match(xrd.reason, /http:\/\/fake-upload\.example:\d+\/\.well-known\/host-meta, is not an https:\/\/ URL, and XEP-0156 §2\.2 has host-meta fetched only over HTTPS/);
  for (const check of checks.filter((c) => c.area === 'discovery' && c.id !== 'xep0156.discovery.xrd')) {
    const outcome = await check.run(plain);
    t.equal(outcome.outcome, 'skip', `${check.id}: ${outcome.reason}`);
  }
  t.same(world.requests, [], 'nothing was fetched in the clear');
});

t.test("the target's own endpoints: its domain and subdomains, --host, the hosts of the URLs given; nothing else", async (t) => {
  const world = new FakeUploadWorld();
  const context = world.context();
  const ctx = { ...context, target: { ...context.target, domain: 'example.org', host: '10.0.0.1', http: { hostMeta: 'https://web.example.net/.well-known/host-meta', uploadService: 'upload.example.org' } } };
  for (const url of ['https://example.org/x', 'https://upload.example.org:5281/f', 'https://10.0.0.1/f', 'https://web.example.net/.well-known/host-meta.json', 'https://WEB.example.net/other']) {
    t.ok(isTargetEndpoint(ctx, url), `${url} is the target's`);
  }
  for (const url of ['https://files.cdn.example/f', 'https://example.org.evil.example/f', 'https://evilexample.org/f', 'https://upload.example.org.attacker.example/f']) {
    t.notOk(isTargetEndpoint(ctx, url), `${url} is not`);
  }
});
