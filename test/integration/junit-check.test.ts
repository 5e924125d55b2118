import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gauntlet');
const XSD = join(import.meta.dirname, '..', 'fixtures', 'junit', 'junit-10.xsd');

t.test('real checks against lab Prosody give JUnit XML that validates, one testcase per check', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-junit-'));
  const junit = join(dir, 'junit.xml');
  // Exit 0 or 1 depending on what the server breaks; the XML is what is tested here.
  await run(BIN, ['check', '--lab', 'prosody', '--checks', 'stream', '--quiet', '--out', join(dir, 'out'), '--junit', junit]).catch((e) => {
    if (e.code !== 1) throw e;
  });
  const { stderr } = await run('xmllint', ['--noout', '--schema', XSD, junit]);
  t.match(stderr, /validates/);
  const result = JSON.parse(readFileSync(join(dir, 'out', 'result.json'), 'utf8'));
  const xml = readFileSync(junit, 'utf8');
  t.equal(xml.match(/<testcase /g)?.length, result.checks.length, `${result.checks.length} checks, as many testcases`);
  const failed = result.checks.filter((c: { verdict: string }) => c.verdict === 'fail').length;
  t.match(xml, new RegExp(`<testsuite name="conformance" tests="${result.checks.length}" failures="${failed}" `));
  t.match(xml, /<testcase classname="xmpp\.stream" name="rfc6120\.stream\.[a-z0-9.-]+ — /);
  // Wire logs carry the server's stream headers, escaped in system-out or inside CDATA.
  t.match(xml, /(&lt;|<!\[CDATA\[[^]*<)stream:stream/);
});
