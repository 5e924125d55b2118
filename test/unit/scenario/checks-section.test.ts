import t from 'tap';
import { loadScenarioText } from '../../../src/scenario/index.js';

const load = async (text: string) => loadScenarioText(text, 'checks.yaml', { env: {} });

t.test('a checks-only scenario is valid: no flow, no accounts, no load', async (t) => {
  const scenario = await load('target: { lab: prosody }\nchecks: { select: [stream], profile: rfc3920, timeout: 5s, require: [offline, dialback] }\n');
  t.same(scenario.checks, { select: ['stream'], skip: [], require: ['offline', 'dialback'], profile: 'rfc3920', concurrency: 4, timeoutMs: 5000, accounts: 'auto' });
  t.same(scenario.flow, []);
  t.same(scenario.load.phases, [], 'no flow, no phases');
  t.equal(scenario.accounts, undefined);
});

t.test('checks defaults', async (t) => {
  const scenario = await load('target: { lab: ejabberd }\nchecks: {}\n');
  t.same(scenario.checks, { select: [], skip: [], require: [], profile: 'rfc6120', concurrency: 4, timeoutMs: 20_000, accounts: 'auto' });
});

t.test('validation stays honest', async (t) => {
  await t.rejects(load('target: { lab: prosody }\n'), { message: /needs a 'flow' \(load\), 'checks' \(conformance\), or both/ });
  await t.rejects(load('target: { lab: prosody }\nflow: [login]\n'), { message: /missing required key 'accounts'/ });
  await t.rejects(load('target: { lab: prosody }\nchecks: {}\nload: { phases: [{ executor: constant-users, users: 1, iterations: 1 }] }\n'), {
    message: /load phases need a flow/,
  });
  await t.rejects(load('target: { lab: prosody }\nchecks: { profile: rfc9999 }\n'), { message: /profile/ });
  await t.rejects(load('target: { lab: prosody }\nchecks: { concurrency: 0 }\n'), { message: /concurrency/ });
  await t.rejects(load('target: { lab: prosody }\nchecks: { require: [telepathy] }\n'), { message: /require/ });
});
