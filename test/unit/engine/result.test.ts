import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultOutDir, environment, writeResult, type RunResult } from '../../../src/engine/result.js';

t.test('the default output directory names the scenario and the UTC time, safely', async (t) => {
  t.equal(defaultOutDir('smoke', new Date('2026-01-02T03:04:05.678Z')), join('reports', 'smoke-2026-01-02T03-04-05Z'));
  t.equal(defaultOutDir('two users, once/../x', new Date('2026-01-02T03:04:05Z')), join('reports', 'two-users-once-..-x-2026-01-02T03-04-05Z'));
});

t.test('result.json is written into a directory created on demand', async (t) => {
  const dir = join(t.testdir(), 'nested', 'out');
  const result = { format: 'xmpp-gauntlet/result@1', interrupted: false } as RunResult;
  const file = await writeResult(dir, result);
  t.equal(file, join(dir, 'result.json'));
  t.same(JSON.parse(readFileSync(file, 'utf8')), result);
});

t.test('the environment says where the run happened', async (t) => {
  const env = environment();
  t.equal(env.node, process.version);
  t.ok(env.cpus >= 1 && env.memoryBytes > 0);
});
