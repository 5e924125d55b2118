/**
 * The websocket checks (RFC 7395) on lab Prosody and lab ejabberd, run as an outside user runs
 * them: `gauntlet check` given the domain, host, port, CA file, the WebSocket URL and an existing
 * account (its password in an environment variable); the lab only starts the server. Every
 * verdict is the pinned one (baseline-verdicts.ts); ejabberd's one fail is a listed deviation,
 * and the exit code says so.
 */
import t from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../../src/engine/result.js';
import { startLab } from '../../src/lab/index.js';
import { BASELINE_DEVIATIONS } from '../helpers/baseline-deviations.js';
import { BASELINE_VERDICTS } from '../helpers/baseline-verdicts.js';
import { gauntlet } from '../helpers/cli.js';

t.setTimeout(180_000);

const PASSWORD_VARIABLE = 'GAUNTLET_TEST_WS_PW';

for (const kind of ['prosody', 'ejabberd'] as const) {
  t.test(`websocket checks on ${kind} through the CLI: every verdict is the pinned one`, async (t) => {
    const lab = await startLab(kind);
    t.teardown(() => lab.stop());
    const [account] = await lab.createAccounts([{ username: 'wscheck', password: 'ws-check-secret-1' }]);
    process.env[PASSWORD_VARIABLE] = account!.password;
    t.teardown(() => void delete process.env[PASSWORD_VARIABLE]);
    const domain = lab.domains[0]!;
    const out = join(t.testdir(), 'out');
    const run = await gauntlet([
      'check', domain, '--host', lab.host, '--port', String(lab.ports.c2s), '--ca', lab.caFile, '--quiet',
      '--websocket-url', lab.http!.websocket, '--checks', 'websocket',
      '--user', `${account!.username}@${domain}`, '--password-env', PASSWORD_VARIABLE, '--out', out,
    ]);
    const deviations = BASELINE_DEVIATIONS[kind];
    const failing = Object.keys(deviations).filter((id) => id.startsWith('rfc7395.'));
    const expected = failing.length > 0 ? 1 : 0;
    t.equal(run.code, expected, `exit code ${expected} (failed MUSTs: ${failing.join(', ') || 'none'})`);
    if (run.code !== expected) t.comment(run.out + run.err);
    t.notMatch(run.out + run.err, /ws-check-secret/, 'the password is never printed');

    const checks = (JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as RunResult).checks ?? [];
    const pinned = Object.keys(BASELINE_VERDICTS[kind]).filter((id) => id.startsWith('rfc7395.websocket.'));
    t.same(checks.map((check) => check.id).sort(), pinned.sort(), 'every websocket check ran, and only those');
    for (const check of checks) {
      t.equal(check.verdict, BASELINE_VERDICTS[kind][check.id], `${check.id}: ${check.reason}`);
      const known = deviations[check.id];
      if (known) t.match(check.reason, known.evidence, `${check.id}: the known deviation is still what is seen (${known.why})`);
    }
    const byId = new Map(checks.map((check) => [check.id, check]));
    // What each server does with an upgrade offering no subprotocol: recorded, no keyword.
    t.match(byId.get('rfc7395.websocket.without-subprotocol')?.reason, kind === 'prosody' ? /got HTTP 501/ : /accepted without one \(HTTP 101\)/);
    t.match(byId.get('rfc7395.websocket.close')?.reason, /the server's <close\/>, then the WebSocket closed \(code 1000\)/);
    const wire = byId.get('rfc7395.websocket.restart')!.wire.map((entry) => entry.text).join('\n');
    t.match(wire, /<auth [^>]*>\[redacted \d+ chars\]<\/auth>/, 'the SASL payload is redacted in the wire log');
  });
}
