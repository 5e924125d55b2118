import t from 'tap';
import { runChecks, suppliedAccounts, verdictFor } from '../../../src/checks/index.js';
import type { CheckDefinition, CheckOutcome } from '../../../src/checks/types.js';

const target = { domain: 'fake.example', host: '127.0.0.1', port: 1 };

function check(id: string, run: CheckDefinition['run'], extra: Partial<CheckDefinition> = {}): CheckDefinition {
  return { id, title: id, area: 'stream', level: 'MUST', spec: [{ doc: 'RFC 6120', section: '4.1' }], run, ...extra };
}

const outcome = (o: CheckOutcome) => async () => o;

t.test('verdicts follow the level', async (t) => {
  t.equal(verdictFor('MUST', 'violation'), 'fail');
  t.equal(verdictFor('SHOULD', 'violation'), 'warn');
  t.equal(verdictFor('MAY', 'violation'), 'warn');
  t.equal(verdictFor('INFO', 'violation'), 'info');
  t.equal(verdictFor('INFO', 'pass'), 'info');
  t.equal(verdictFor('MUST', 'pass'), 'pass');
  t.equal(verdictFor('SHOULD', 'skip'), 'skip');
  t.equal(verdictFor('MUST', 'info'), 'info');
});

t.test('a crash is an error, a slow check times out, the others still run', async (t) => {
  const results = await runChecks(
    [
      check('a.crash', async () => {
        throw new Error('boom');
      }),
      check('a.slow', () => new Promise(() => undefined), { timeoutMs: 200 }),
      check('a.fine', outcome({ outcome: 'violation', reason: 'broken on purpose' }), { level: 'SHOULD' }),
    ],
    { target, accounts: suppliedAccounts([]) },
  );
  t.same(results.map((r) => [r.id, r.verdict]), [['a.crash', 'error'], ['a.slow', 'error'], ['a.fine', 'warn']]);
  t.match(results[0]!.reason, /tool or network problem: boom/);
  t.match(results[1]!.reason, /timed out after 200 ms/);
  t.equal(results[2]!.reason, 'broken on purpose');
});

t.test('unmet needs skip with the reason; supplied accounts are shared', async (t) => {
  const account = { username: 'me', password: 'pw', domain: 'fake.example', jid: 'me@fake.example' };
  let seen = '';
  const results = await runChecks(
    [
      check('b.two', outcome({ outcome: 'pass', reason: 'x' }), { needs: { accounts: 2 } }),
      check('b.direct', outcome({ outcome: 'pass', reason: 'x' }), { needs: { directTls: true } }),
      check('b.peers', outcome({ outcome: 'pass', reason: 'x' }), { needs: { peers: true } }),
      check(
        'b.one',
        async (ctx) => {
          seen = (await ctx.account()).jid;
          return { outcome: 'pass', reason: 'ok' };
        },
        { needs: { accounts: 1 } },
      ),
    ],
    { target, accounts: suppliedAccounts([account]) },
  );
  t.same(results.map((r) => r.verdict), ['skip', 'skip', 'skip', 'pass']);
  t.match(results[0]!.reason, /needs 2 account\(s\); only 1 supplied/);
  t.match(results[1]!.reason, /direct-TLS/);
  t.match(results[2]!.reason, /s2s peers/);
  t.equal(seen, 'me@fake.example');
});

t.test('concurrency is bounded and serial checks run alone, after the others', async (t) => {
  let running = 0;
  let peak = 0;
  const log: string[] = [];
  const busy = (id: string) => async () => {
    running++;
    peak = Math.max(peak, running);
    log.push(`start ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
    log.push(`end ${id}`);
    running--;
    return { outcome: 'pass' as const, reason: 'ok' };
  };
  const checks = ['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => check(id, busy(id)));
  checks.splice(1, 0, check('c.serial', busy('c.serial'), { tags: ['serial'] }));
  const results = await runChecks(checks, { target, accounts: suppliedAccounts([]), concurrency: 2 });
  t.equal(peak, 2, 'never more than 2 at once');
  t.same(results.map((r) => r.id), checks.map((c) => c.id), 'results keep catalogue order');
  t.same(log.slice(-2), ['start c.serial', 'end c.serial'], 'the serial check ran alone at the end');
});

t.test('notes land in the wire log; an interrupted run skips what has not started', async (t) => {
  const controller = new AbortController();
  const results = await runChecks(
    [
      check('d.first', async (ctx) => {
        ctx.note('about to stop the run');
        controller.abort();
        return { outcome: 'pass', reason: 'ok' };
      }),
      check('d.second', outcome({ outcome: 'pass', reason: 'never' })),
    ],
    { target, accounts: suppliedAccounts([]), concurrency: 1, signal: controller.signal },
  );
  t.equal(results[0]!.wire[0]!.text, 'about to stop the run');
  t.equal(results[0]!.wire[0]!.dir, 'note');
  t.same([results[1]!.verdict, results[1]!.reason], ['skip', 'the run was interrupted']);
});

t.test('checks sharing a supplied account run one at a time; the others still run in parallel', async (t) => {
  let running = 0;
  let most = 0;
  const sharing = (id: string) =>
    check(id, async (ctx) => {
      await ctx.account();
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running--;
      return { outcome: 'pass', reason: 'ok' };
    }, { needs: { accounts: 1 } });
  let freeRunning = 0;
  let freeMost = 0;
  const accountless = (id: string) =>
    check(id, async () => {
      freeMost = Math.max(freeMost, ++freeRunning);
      await new Promise((resolve) => setTimeout(resolve, 30));
      freeRunning--;
      return { outcome: 'pass', reason: 'ok' };
    });
  const account = { username: 'me', password: 'pw', domain: 'fake.example', jid: 'me@fake.example' };
  const results = await runChecks([sharing('s.1'), sharing('s.2'), sharing('s.3'), accountless('f.1'), accountless('f.2')], { target, accounts: suppliedAccounts([account]), concurrency: 4 });
  t.same(results.map((r) => r.verdict), ['pass', 'pass', 'pass', 'pass', 'pass']);
  t.equal(most, 1, 'never two checks on the shared account at once');
  t.equal(freeMost, 2, 'account-less checks are not held back');
});
