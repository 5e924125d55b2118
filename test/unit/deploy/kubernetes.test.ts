import t from 'tap';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, PersistentVolumeClaim, Secret } from 'kubernetes-models/v1';
import { buildProgram } from '../../../src/cli/program.js';
import { loadScenarioText } from '../../../src/scenario/index.js';

/**
 * deploy/kubernetes/: every manifest validates against the Kubernetes OpenAPI schemas of its
 * apiVersion (kubernetes-models, offline: no cluster runs here), and the pieces fit together.
 */
const DIR = join(import.meta.dirname, '..', '..', '..', 'deploy', 'kubernetes');

/** What a user fills in with `envsubst '$RUN_ID $START_AT $GAUNTLET_IMAGE'` (docs/distributed.md). */
const FILLED: Record<string, string> = { RUN_ID: '20261207-0500', START_AT: '2026-12-07T05:00:00Z', GAUNTLET_IMAGE: 'registry.example.org/xmpp-gauntlet:0.1.0' };
const envsubst = (text: string) => text.replace(/\$\{(RUN_ID|START_AT|GAUNTLET_IMAGE)\}/g, (_, name: string) => FILLED[name]!);

interface Manifest {
  file: string;
  object: { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: unknown };
}

const manifests: Manifest[] = readdirSync(DIR)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) => parseAllDocuments(envsubst(readFileSync(join(DIR, file), 'utf8'))).map((doc) => ({ file, object: doc.toJS() as Manifest['object'] })));

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'batch/v1 Job': Job,
  'v1 ConfigMap': ConfigMap,
  'v1 Secret': Secret,
  'v1 PersistentVolumeClaim': PersistentVolumeClaim,
};

function validationError(object: unknown, kind: string): string | undefined {
  try {
    new MODELS[kind]!(object as never).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const byKind = (kind: string, name: string) => manifests.find((m) => m.object.kind === kind && m.object.metadata.name.startsWith(name))?.object as any;

t.test('every manifest is valid for its apiVersion and kind', async (t) => {
  t.ok(manifests.length >= 5, `${manifests.length} manifests`);
  for (const { file, object } of manifests) {
    const kind = `${object.apiVersion} ${object.kind}`;
    t.ok(MODELS[kind], `${file}: ${kind} is a kind we validate`);
    t.equal(validationError(object, kind), undefined, `${file}: ${kind} ${object.metadata.name} is valid`);
  }
});

t.test('the validator does refuse broken manifests', async (t) => {
  const job = structuredClone(byKind('Job', 'gauntlet-load'));
  job.spec.completionMode = 'indexed';
  t.match(validationError(job, 'batch/v1 Job'), /completionMode/, 'a misspelt completion mode');
  const job2 = structuredClone(byKind('Job', 'gauntlet-load'));
  job2.spec.parallelism = '4';
  t.match(validationError(job2, 'batch/v1 Job'), /parallelism/, 'a count written as a string');
  const job3 = structuredClone(byKind('Job', 'gauntlet-load'));
  delete job3.spec.template.spec.containers[0].name;
  t.match(validationError(job3, 'batch/v1 Job'), /name/, 'a container without a name');
});

t.test('the load Job: one pod per segment, passwords from the Secret, results on the shared volume', async (t) => {
  const job = byKind('Job', 'gauntlet-load');
  const pod = job.spec.template.spec;
  const container = pod.containers[0];
  const env = Object.fromEntries(container.env.map((e: any) => [e.name, e]));
  t.equal(job.spec.completionMode, 'Indexed');
  t.equal(job.spec.completions, Number(env.SEGMENTS.value), 'completions = SEGMENTS');
  t.equal(job.spec.parallelism, job.spec.completions, 'parallelism = completions: every segment runs at once');
  t.equal(pod.restartPolicy, 'Never');
  t.equal(pod.securityContext.runAsNonRoot, true);
  t.same(env.LOAD_PASSWORD.valueFrom.secretKeyRef, { name: 'gauntlet-accounts', key: 'LOAD_PASSWORD' }, 'the password comes from the Secret');
  t.equal(env.PROMETHEUS_URL.valueFrom.secretKeyRef.optional, true, 'remote write is optional');
  t.notOk(container.env.some((e: any) => /PASSWORD/.test(e.name) && e.value !== undefined), 'no password written into the Job');
  const volumes = Object.fromEntries(pod.volumes.map((v: any) => [v.name, v]));
  t.ok(byKind('ConfigMap', volumes.scenario.configMap.name), 'the scenario volume is the ConfigMap');
  t.ok(byKind('PersistentVolumeClaim', volumes.results.persistentVolumeClaim.claimName), 'results go to the claim');
  t.same(byKind('Secret', 'gauntlet-accounts').stringData.LOAD_PASSWORD !== undefined, true);
  const merge = byKind('Job', 'gauntlet-merge');
  t.equal(merge.spec.template.spec.volumes[0].persistentVolumeClaim.claimName, volumes.results.persistentVolumeClaim.claimName, 'the merge reads the same claim');
  t.same(merge.spec.template.spec.containers[0].args.slice(0, 2), ['merge', `/results/${FILLED.RUN_ID}/segments`], 'the merge reads where the segments write');
});

t.test('the scenario in the ConfigMap is a valid scenario', async (t) => {
  const text = byKind('ConfigMap', 'gauntlet-scenario').data['scenario.yaml'] as string;
  const scenario = loadScenarioText(text, 'scenario.yaml', { env: { LOAD_PASSWORD: 'x' } });
  t.equal(scenario.name, 'chat-at-scale');
});

t.test('the shell wrapper turns JOB_COMPLETION_INDEX into --segment, and only exit 4 into success', async (t) => {
  const job = byKind('Job', 'gauntlet-load');
  const script = job.spec.template.spec.containers[0].args[0] as string;
  t.same(job.spec.template.spec.containers[0].command, ['/bin/sh', '-c']);
  // A stand-in `node` on PATH prints the arguments it got and exits as told.
  const bin = t.testdir({});
  writeFileSync(join(bin, 'node'), '#!/bin/sh\nprintf "%s\\n" "$@"\nexit "${FAKE_EXIT:-0}"\n');
  chmodSync(join(bin, 'node'), 0o755);
  const run = (env: Record<string, string>) =>
    spawnSync('/bin/sh', ['-c', script], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, SEGMENTS: '4', START_AT: FILLED.START_AT!, RUN_ID: FILLED.RUN_ID!, ...env } });
  const third = run({ JOB_COMPLETION_INDEX: '2', PROMETHEUS_URL: 'http://prometheus:9090/api/v1/write' });
  t.equal(third.status, 0);
  t.same(third.stdout.trim().split('\n'), [
    '/app/bin/gauntlet', 'run', '/scenario/scenario.yaml', '--quiet',
    '--segment', '3/4', '--start-at', FILLED.START_AT, '--run-id', FILLED.RUN_ID,
    '--out', `/results/${FILLED.RUN_ID}/segments/segment-3`,
    '--metrics', 'prometheus=http://prometheus:9090/api/v1/write',
  ]);
  const first = run({ JOB_COMPLETION_INDEX: '0' });
  t.match(first.stdout, /--segment\n1\/4\n/);
  t.notMatch(first.stdout, /--metrics/, 'no --metrics without a URL');
  t.equal(run({ JOB_COMPLETION_INDEX: '0', FAKE_EXIT: '4' }).status, 0, 'a segment\'s own thresholds are left to the merge');
  t.equal(run({ JOB_COMPLETION_INDEX: '0', FAKE_EXIT: '3' }).status, 3, 'an unreachable target fails the pod');
  t.equal(run({ JOB_COMPLETION_INDEX: '0', FAKE_EXIT: '2' }).status, 2, 'a bad scenario fails the pod');
});

t.test('every flag the Job and the merge pass is one the CLI has', async (t) => {
  const program = await buildProgram();
  const flagsOf = (name: string) => new Set(program.commands.find((c) => c.name() === name)!.options.map((o) => o.long));
  const run = flagsOf('run');
  const script = byKind('Job', 'gauntlet-load').spec.template.spec.containers[0].args[0] as string;
  const used = script.match(/--[a-z][a-z-]+/g) ?? [];
  t.ok(used.length >= 5);
  for (const flag of used) t.ok(run.has(flag), `run ${flag}`);
  const merge = flagsOf('merge');
  for (const flag of (byKind('Job', 'gauntlet-merge').spec.template.spec.containers[0].args as string[]).filter((a) => a.startsWith('--'))) t.ok(merge.has(flag), `merge ${flag}`);
});
