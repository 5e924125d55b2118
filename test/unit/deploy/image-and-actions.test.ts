import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parseDocument } from 'yaml';
import { buildProgram } from '../../../src/cli/program.js';

/**
 * deploy/Dockerfile (read, not built: no image registry is reachable here) and the GitHub Actions
 * matrix example, validated offline against the workflow schema (@action-validator/core).
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const WORKFLOW = join(ROOT, 'deploy', 'github-actions', 'gauntlet-segments.yml');

t.test('the Dockerfile: Node 20 slim, production dependencies only, a non-root numeric user, gauntlet as entrypoint', async (t) => {
  const text = readFileSync(join(ROOT, 'deploy', 'Dockerfile'), 'utf8');
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const froms = lines.filter((line) => line.startsWith('FROM '));
  t.ok(froms.length > 0 && froms.every((line) => /^FROM node:20-slim\b/.test(line)), 'every stage is node:20-slim');
  const finalStage = lines.slice(lines.lastIndexOf(froms.at(-1)!));
  t.ok(finalStage.some((line) => /^RUN npm ci --omit=dev\b/.test(line)), 'the final image installs with npm ci --omit=dev');
  const user = finalStage.filter((line) => line.startsWith('USER ')).at(-1);
  t.match(user, /^USER [1-9]\d*(:\d+)?$/, 'runs as a numeric non-root user (Kubernetes can check runAsNonRoot)');
  const job = readFileSync(join(ROOT, 'deploy', 'kubernetes', 'load-job.yaml'), 'utf8');
  t.match(job, new RegExp(`runAsUser: ${/^USER (\d+)/.exec(user ?? '')?.[1]}\\b`), 'the Job runs as the same user');
  t.match(finalStage.find((line) => line.startsWith('ENTRYPOINT')), /"node", "\/app\/bin\/gauntlet"/);
  for (const line of lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from'))) {
    for (const source of line.split(/\s+/).slice(1, -1)) t.ok(existsSync(join(ROOT, source)), `${source} exists in the build context`);
  }
  const ignore = readFileSync(join(ROOT, 'deploy', 'Dockerfile.dockerignore'), 'utf8');
  t.match(ignore, /^\*\*$/m, 'the build context starts empty: no node_modules, reports or secrets');
});

t.test('the GitHub Actions matrix example is a valid workflow', async (t) => {
  const text = readFileSync(WORKFLOW, 'utf8');
  t.same(validateWorkflow(text).errors, [], 'no schema errors');
  t.not(validateWorkflow(text.replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest')).errors.length, 0, 'the validator catches a misspelt key');
  const workflow = parseDocument(text).toJS() as { jobs: Record<string, any> };
  t.same(workflow.jobs.segment.strategy.matrix.segment, [1, 2, 3, 4]);
  t.same(workflow.jobs.merge.needs, 'segment', 'the merge waits for every segment');
  const mergeRun = workflow.jobs.merge.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
  t.match(mergeRun, /gauntlet merge segments/);
  const segmentRun = workflow.jobs.segment.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
  t.match(segmentRun, /--segment "\$\{\{ matrix\.segment \}\}\/4" --start-at/);
  const runFlags = new Set((await buildProgram()).commands.find((c) => c.name() === 'run')!.options.map((o) => o.long));
  for (const flag of segmentRun.match(/--[a-z][a-z-]+/g) ?? []) t.ok(runFlags.has(flag), `run ${flag} exists`);
});

t.test('docs/distributed.md shows the workflow file as it is', async (t) => {
  const docs = readFileSync(join(ROOT, 'docs', 'distributed.md'), 'utf8');
  const block = /```yaml\n(# One scenario as 4 execution segments[\s\S]*?)```/.exec(docs)?.[1];
  t.equal(block, readFileSync(WORKFLOW, 'utf8'));
});
