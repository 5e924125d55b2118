import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { renderJunit } from '../../../src/report/junit/render.js';
import type { ThresholdResult } from '../../../src/metrics/thresholds/types.js';
import { CHECKS, SOURCE } from '../../fixtures/junit/source.js';

const run = promisify(execFile);
const XSD = join(import.meta.dirname, '..', '..', 'fixtures', 'junit', 'junit-10.xsd');

function written(xml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gauntlet-junit-')), 'junit.xml');
  writeFileSync(file, xml);
  return file;
}

t.test('the report validates against the Jenkins junit-10 schema (xmllint)', async (t) => {
  for (const [label, source] of [
    ['checks and thresholds', SOURCE],
    ['thresholds only', { ...SOURCE, checks: undefined }],
    ['nothing at all', { ...SOURCE, checks: [], thresholds: [] as ThresholdResult[] }],
  ] as const) {
    const { stderr } = await run('xmllint', ['--noout', '--schema', XSD, written(renderJunit(source))]);
    t.match(stderr, /validates/, label);
  }
});

t.test('a parser reads the wire log back exactly, `]]>`, CR and markup included', async (t) => {
  const file = written(renderJunit(SOURCE));
  const { stdout } = await run('xmllint', ['--xpath', 'string(//testcase[@classname="xmpp.sasl"]/failure)', file]);
  const failing = CHECKS[1]!;
  const serverLine = failing.wire[2]!.text.replace('\u0007', '\\x07').replace('\u0000', '\\x00');
  t.ok(stdout.includes(`+9ms S→C raw#1 ${serverLine}`), 'server text intact; only illegal characters made visible');
  const { stdout: message } = await run('xmllint', ['--xpath', 'string(//testcase[@classname="xmpp.sasl"]/failure/@message)', file]);
  t.equal(message.replace(/\n$/, ''), failing.reason, 'xmllint ends its output with a newline');
});
