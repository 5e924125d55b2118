import t from 'tap';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHostList } from '../../../src/rank/hosts-file.js';
import { appendFacts, readFactsAt, readJournal, repairJournal } from '../../../src/rank/journal.js';
import { runRank } from '../../../src/rank/run.js';
import { baseline } from './facts-fixture.js';

t.test('a plain host list: comments, blank lines, case, duplicates', async (t) => {
  const { entries, duplicates } = parseHostList('# public servers\nExample.org\n\n  jabber.example  # trailing\nexample.org\n', 'h.txt');
  t.same(entries.map((e) => e.domain), ['example.org', 'jabber.example']);
  t.same(duplicates, ['example.org']);
});

t.test('a JSON host list with addresses', async (t) => {
  const { entries } = parseHostList('[{"domain":"lab.example","host":"127.0.0.1","port":5222}, "b.example"]', 'h.json');
  t.same(entries, [{ domain: 'lab.example', host: '127.0.0.1', port: 5222 }, { domain: 'b.example' }]);
});

t.test('every bad line is reported at once, with a hint', async (t) => {
  t.throws(() => parseHostList('good.example\nnot a domain\nhttp://x.example\n', 'h.txt'), { code: 'usage', message: /2 problem\(s\)[\s\S]*line 2[\s\S]*line 3/, hint: /one domain a line/ });
  t.throws(() => parseHostList('[{"domain":"a.example","port":70000}]', 'h.json'), { message: /entry 1: port must be a port number/ });
  t.throws(() => parseHostList('# nothing\n', 'h.txt'), { message: /lists no host/ });
  t.throws(() => parseHostList('[1,', 'h.json'), { message: /not valid JSON/ });
});

t.test('the journal reads back by offset, and a torn last line is cut so resume appends cleanly', async (t) => {
  const file = join(t.testdir(), 'facts.jsonl');
  await appendFacts(file, baseline('a.example'));
  await appendFacts(file, baseline('b.example'));
  await appendFile(file, '{"domain":"c.exa');
  await repairJournal(file);
  await appendFacts(file, baseline('d.example'));
  const refs = [];
  for await (const { ref } of readJournal(file)) refs.push(ref);
  t.same(refs.map((r) => r.domain), ['a.example', 'b.example', 'd.example']);
  t.equal((await readFactsAt(file, refs[1]!)).domain, 'b.example');
});

t.test('the runner bounds concurrency, abandons a hung probe at the deadline, and journals nothing for an aborted host', async (t) => {
  const dir = t.testdir();
  const journal = join(dir, 'facts.jsonl');
  await writeFile(journal, '');
  let running = 0;
  let peak = 0;
  const controller = new AbortController();
  const tally = await runRank({
    entries: ['a', 'b', 'c', 'hang', 'e'].map((d) => ({ domain: `${d}.example` })),
    concurrency: 2,
    hostDeadlineMs: 300,
    journal,
    signal: controller.signal,
    probe: async (entry) => {
      running += 1;
      peak = Math.max(peak, running);
      try {
        if (entry.domain === 'hang.example') await new Promise(() => undefined);
        await new Promise((r) => setTimeout(r, 20));
        return baseline(entry.domain);
      } finally {
        running -= 1;
      }
    },
  });
  t.equal(peak, 2);
  t.equal(tally.done, 5);
  const lines = [];
  for await (const { facts } of readJournal(journal)) lines.push(facts);
  t.match(lines.find((f) => f.domain === 'hang.example')?.unreachable, /did not finish within 0 s|did not finish/);

  const stopped = new AbortController();
  const journal2 = join(dir, 'facts2.jsonl');
  const run = runRank({
    entries: [{ domain: 'slow.example' }, { domain: 'never.example' }], concurrency: 1, hostDeadlineMs: 10_000, journal: journal2, signal: stopped.signal,
    probe: (entry, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve(baseline(entry.domain)))),
  });
  setTimeout(() => stopped.abort(), 50);
  t.same(await run, { done: 0, notFinished: 2 });
});
