import t, { type Test } from 'tap';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult, Verdict } from '../../src/checks/types.js';
import { startLab } from '../../src/lab/index.js';
import type { LabServer } from '../../src/lab/types.js';
import { BASELINE_VERDICTS } from '../helpers/baseline-verdicts.js';
import { gauntlet } from '../helpers/cli.js';

/**
 * The discovery (XEP-0156) and upload (XEP-0363) areas on lab Prosody (lab host-meta module,
 * mod_http_file_share) and lab ejabberd (mod_host_meta, mod_http_upload), each addressed as an
 * outside user would: `gauntlet check DOMAIN --host --port --ca --host-meta --upload-service
 * --user --password-env`, with one existing account. Every verdict is the pinned one
 * (baseline-verdicts.ts); the fail side of each check is in
 * test/unit/checks/upload-discovery-checks.test.ts (a fake breaking one rule at a time).
 */
t.setTimeout(180_000);

const IDS = [
  'xep0156.discovery.xrd',
  'xep0156.discovery.jrd',
  'xep0156.discovery.cors',
  'xep0156.discovery.secure-links',
  'xep0363.upload.max-file-size',
  'xep0363.upload.file-too-large',
  'xep0363.upload.slot-https',
  'xep0363.upload.unguessable-url',
  'xep0363.upload.get-after-put',
  'xep0363.upload.content-length-enforced',
  'xep0363.upload.content-type-enforced',
];

const PASSWORD_ENV = 'GAUNTLET_UPLOAD_TEST_PW';

async function checkFromOutside(t: Test, lab: LabServer): Promise<{ code: number; results: Map<string, CheckResult> }> {
  const [user] = await lab.createAccounts([{ username: `uploader-${randomBytes(3).toString('hex')}`, password: randomBytes(12).toString('hex') }]);
  process.env[PASSWORD_ENV] = user!.password;
  const out = join(t.testdir(), lab.kind);
  const http = lab.http!;
  const run = await gauntlet([
    'check', lab.domains[0], '--host', lab.host, '--port', String(lab.ports.c2s), '--ca', lab.caFile,
    '--host-meta', http.hostMeta, '--upload-service', http.uploadService,
    '--user', `${user!.username}@${lab.domains[0]}`, '--password-env', PASSWORD_ENV,
    '--checks', 'discovery,upload', '--concurrency', '4', '-q', '-o', out,
  ]);
  const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as { checks: CheckResult[] };
  return { code: run.code, results: new Map(result.checks.map((check) => [check.id, check])) };
}

t.test('discovery and upload: the pinned verdicts on lab Prosody and lab ejabberd, from the outside with one given account', async (t) => {
  t.teardown(() => void delete process.env[PASSWORD_ENV]);
  const labs = await Promise.all([startLab('prosody'), startLab('ejabberd')]);
  t.teardown(() => Promise.all(labs.map((lab) => lab.stop())));
  for (const lab of labs) {
    const kind = lab.kind as 'prosody' | 'ejabberd';
    const { code, results } = await checkFromOutside(t, lab);
    t.equal(code, 0, `${kind}: exit 0, no MUST failed`);
    t.same([...results.keys()].sort(), [...IDS].sort(), `${kind}: the eleven checks ran`);
    for (const id of IDS) {
      const expected: Verdict | undefined = BASELINE_VERDICTS[kind][id];
      t.equal(results.get(id)?.verdict, expected, `${kind} ${id}: ${results.get(id)?.reason}`);
    }
    const reason = (id: string) => results.get(id)?.reason ?? '';
    t.match(reason('xep0363.upload.max-file-size'), /advertises max-file-size 1048576 bytes/, `${kind}: the lab's limit is read`);
    t.match(reason('xep0363.upload.file-too-large'), /a 1048577-byte request was refused with <not-acceptable\/> with <file-too-large\/> naming 1048576 bytes/, `${kind}: refused, the limit named`);
    t.match(reason('xep0363.upload.get-after-put'), /PUT answered 201; the GET returned the same 48 bytes/, `${kind}: 201 and the same bytes`);
    t.match(reason('xep0363.upload.content-length-enforced'), /refused with HTTP 413/, `${kind}: 413 for a longer body`);
    t.match(reason('xep0363.upload.content-type-enforced'), /a PUT as image\/png into a slot requested for text\/plain was accepted \(HTTP 201\)/, `${kind}: the SHOULD it misses`);
    const wire = results.get('xep0363.upload.get-after-put')?.wire.map((entry) => entry.text).join('\n') ?? '';
    const own = `https://(upload\\.)?${lab.domains[0].replace(/\./g, '\\.')}:\\d+/`;
    t.match(wire, new RegExp(`HTTP PUT ${own}[^\\n]+ \\(48 bytes\\)\\nHTTP PUT answered 201`), `${kind}: the PUT went to the domain's own HTTP side`);
    t.notMatch(wire, new RegExp(process.env[PASSWORD_ENV]!), `${kind}: the password is nowhere in the wire log`);
  }
});
