import t, { type Test } from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult, Verdict } from '../../src/checks/types.js';
import { startLab } from '../../src/lab/index.js';
import type { LabServer } from '../../src/lab/types.js';
import { gauntlet } from '../helpers/cli.js';

/**
 * The discovery (XEP-0156) and upload (XEP-0363) areas on lab Prosody (lab host-meta module,
 * mod_http_file_share) and lab ejabberd (mod_host_meta, mod_http_upload), each addressed as an
 * outside user would: `gauntlet check DOMAIN --host --port --ca --host-meta --upload-service
 * --register`. Every verdict is pinned; the fail side of each check is in
 * test/unit/checks/upload-discovery-checks.test.ts (a fake breaking one rule at a time).
 */
t.setTimeout(180_000);

const EXPECTED: Record<string, Verdict> = {
  'xep0156.discovery.xrd': 'pass',
  'xep0156.discovery.jrd': 'pass',
  'xep0156.discovery.cors': 'pass',
  'xep0156.discovery.secure-links': 'pass',
  'xep0363.upload.max-file-size': 'pass',
  'xep0363.upload.file-too-large': 'pass',
  'xep0363.upload.slot-https': 'pass',
  'xep0363.upload.unguessable-url': 'pass',
  'xep0363.upload.get-after-put': 'pass',
  'xep0363.upload.content-length-enforced': 'pass',
  // Neither server compares the PUT's Content-Type with the one the slot was asked for (a SHOULD).
  'xep0363.upload.content-type-enforced': 'warn',
};

async function checkFromOutside(t: Test, lab: LabServer): Promise<Map<string, CheckResult>> {
  const out = join(t.testdir(), lab.kind);
  const http = lab.http!;
  const run = await gauntlet([
    'check', lab.domains[0], '--host', lab.host, '--port', String(lab.ports.c2s), '--ca', lab.caFile,
    '--host-meta', http.hostMeta, '--upload-service', http.uploadService, '--register',
    '--checks', 'discovery,upload', '--concurrency', '4', '-q', '-o', out,
  ]);
  t.equal(run.code, 0, `exit 0: no MUST failed (${run.err.slice(0, 500)})`);
  const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as { checks: CheckResult[] };
  return new Map(result.checks.map((check) => [check.id, check]));
}

t.test('discovery and upload checks on lab Prosody and lab ejabberd, from the outside', async (t) => {
  const labs = await Promise.all([startLab('prosody'), startLab('ejabberd')]);
  t.teardown(() => Promise.all(labs.map((lab) => lab.stop())));
  for (const lab of labs) {
    const results = await checkFromOutside(t, lab);
    t.same([...results.keys()].sort(), Object.keys(EXPECTED).sort(), `${lab.kind}: the eleven checks ran`);
    for (const [id, verdict] of Object.entries(EXPECTED)) {
      t.equal(results.get(id)?.verdict, verdict, `${lab.kind} ${id}: ${results.get(id)?.reason}`);
    }
    t.match(results.get('xep0363.upload.file-too-large')?.reason, /refused with <not-acceptable\/> with <file-too-large\/> naming 1048576 bytes/, `${lab.kind}: the limit is named`);
    t.match(results.get('xep0363.upload.get-after-put')?.reason, /PUT answered 201; the GET returned the same 48 bytes/, `${lab.kind}: 201 and the same bytes`);
    t.match(results.get('xep0363.upload.content-length-enforced')?.reason, /refused with HTTP 413/, `${lab.kind}: 413 for a longer body`);
    const wire = results.get('xep0363.upload.get-after-put')?.wire.map((entry) => entry.text).join('\n') ?? '';
    t.match(wire, /HTTP PUT https:\/\/[^\n]+ \(48 bytes\)\nHTTP PUT answered 201/, `${lab.kind}: the PUT is in the wire log`);
  }
});
