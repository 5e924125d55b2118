// Tool-added latency at low load: the same messages between two users of a lab Prosody (in its
// own process), timed from just before the write to the arrival, sent once by a minimal client
// on bare node:tls (hand-written STARTTLS, PLAIN, bind; the body is found with indexOf) and once
// by `gauntlet run` (bench/scenarios/latency-pair.yaml: paced loop, stamps, parser, HDR). Both
// runs alternate, `--rounds` times; the difference of the percentiles is what the tool adds.
// Usage: npm run build && node bench/tool-latency.mjs [--rounds 3] [--messages 500] [--rate 25]
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { decodeMetrics, summary } from '../dist/metrics/index.js';
import { rawLogin } from './lib/raw-xmpp.mjs';
import { pointScenarioAt, startSeparateLab } from './lib/separate-lab.mjs';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, messages: { type: 'string', default: '500' }, rate: { type: 'string', default: '25' } } });
const messages = Number(args.messages);
const rate = Number(args.rate);

/** Raw pair: a sends to b at `rate`/s; b looks up each body's send time on arrival. */
async function rawRound(lab, ca) {
  const server = { host: lab.host, port: lab.ports.c2s, domain: lab.domains[0] };
  const a = await rawLogin(server, { ca }, 'user1', 'pass1');
  const b = await rawLogin(server, { ca }, 'user2', 'pass2');
  const sentAt = new Map();
  const latencies = [];
  let buffered = '';
  const done = new Promise((resolve) => {
    b.socket.on('data', (chunk) => {
      const now = performance.now();
      buffered += chunk;
      for (let end = buffered.indexOf('</message>'); end >= 0; end = buffered.indexOf('</message>')) {
        const open = buffered.indexOf('<body>');
        const seq = Number(buffered.slice(open + 6, buffered.indexOf('</body>', open)));
        if (sentAt.has(seq)) latencies.push(now - sentAt.get(seq));
        buffered = buffered.slice(end + 10);
        if (latencies.length === messages) resolve();
      }
    });
  });
  const padding = 'x'.repeat(64);
  for (let seq = 0; seq < messages; seq += 1) {
    sentAt.set(seq, performance.now());
    a.socket.write(`<message to='${b.jid}' type='chat'><body>${seq}</body><x xmlns='urn:bench:pad'>${padding}</x></message>`);
    await new Promise((resolve) => setTimeout(resolve, 1000 / rate));
  }
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5000))]);
  for (const { socket } of [a, b]) socket.destroy();
  const sorted = latencies.sort((x, y) => x - y);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { count: sorted.length, p50: at(50), p99: at(99) };
}

async function gauntletRound(lab, dir, round) {
  const scenarioFile = join(dir, `latency-${round}.yaml`);
  const scenario = parse(readFileSync(new URL('./scenarios/latency-pair.yaml', import.meta.url), 'utf8'));
  // Two users sending to each other: half the count and half the rate each.
  Object.assign(scenario.flow.find((step) => step.loop).loop, { count: Math.ceil(messages / 2), rate: rate / 2 });
  writeFileSync(scenarioFile, stringify(scenario));
  const { file } = pointScenarioAt(scenarioFile, lab, dir);
  const out = join(dir, `out-${round}`);
  await promisify(execFile)(new URL('../bin/gauntlet', import.meta.url).pathname, ['run', file, '--quiet', '--out', out]).catch((error) => error);
  const s = summary(decodeMetrics(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')).metrics), 'message_e2e');
  return { count: s?.count ?? 0, p50: s?.p50Ms ?? NaN, p99: s?.p99Ms ?? NaN };
}

const dir = mkdtempSync(join(tmpdir(), 'gauntlet-latency-'));
const server = await startSeparateLab('prosody', 2);
const ca = readFileSync(server.lab.caFile);
const fmt = (r) => `n=${r.count} p50 ${r.p50.toFixed(2)} ms p99 ${r.p99.toFixed(2)} ms`;
try {
  console.log(`${messages} messages at ${rate}/s from one user to another, Prosody ${server.lab.ports.c2s} in its own process`);
  for (let round = 0; round < Number(args.rounds); round += 1) {
    const raw = await rawRound(server.lab, ca);
    const tool = await gauntletRound(server.lab, dir, round);
    console.log(`round ${round + 1}  raw node:tls ${fmt(raw)} | gauntlet ${fmt(tool)} | added p50 ${(tool.p50 - raw.p50).toFixed(2)} ms, p99 ${(tool.p99 - raw.p99).toFixed(2)} ms (load ${loadavg()[0].toFixed(1)})`);
  }
} finally {
  await server.stop();
}
