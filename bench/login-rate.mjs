#!/usr/bin/env node
// Login throughput of src/xmpp against a throwaway lab Prosody: N accounts, C logins in flight,
// every session kept open until the end (a login storm, not login/logout churn).
//
//   npm run build && node bench/login-rate.mjs [--users 200] [--concurrency 20] [--tls starttls|direct]
//                                              [--mechanism auto|SCRAM-SHA-1|...] [--stock 20] [--repeat 2]
//
// --repeat N logs the same users in N more times after the first (cold) storm, each session
// closed before the next round: warm logins, where SCRAM's salted password comes from the
// in-memory cache (src/xmpp/salted-password.ts). Each round prints the tool's CPU per login.
//
// --stock N also logs N accounts in with the stock @xmpp/client (its JavaScript SCRAM), in a
// child process that trusts the lab CA through NODE_EXTRA_CA_CERTS (the stock client takes no
// CA option), for comparison.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '20' },
    tls: { type: 'string', default: 'starttls' },
    mechanism: { type: 'string', default: 'auto' },
    stock: { type: 'string', default: '0' },
    repeat: { type: 'string', default: '0' },
    'stock-child': { type: 'boolean', default: false },
  },
});

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

/** Runs `login(i)` for i < total with `concurrency` in flight; returns per-login ms and wall time. */
async function storm(total, concurrency, login) {
  const durations = [];
  const failures = new Map();
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  async function worker() {
    while (next < total) {
      const i = next++;
      try {
        durations.push(await login(i));
      } catch (error) {
        const key = `${error?.name ?? 'Error'} ${error?.reason ?? error?.condition ?? error?.message ?? ''}`.trim();
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { durations: durations.sort((a, b) => a - b), failures, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function report(label, { durations, failures, wallMs, cpuMs }) {
  const rate = (durations.length / wallMs) * 1000;
  console.log(
    `${label}: ${durations.length} logins in ${(wallMs / 1000).toFixed(2)} s = ${rate.toFixed(1)} logins/s; ` +
      `login_total p50 ${percentile(durations, 50).toFixed(1)} ms, p99 ${percentile(durations, 99).toFixed(1)} ms; ` +
      `client CPU ${((cpuMs / wallMs) * 100).toFixed(0)}% of one core, ${(cpuMs / Math.max(1, durations.length)).toFixed(2)} ms per login`,
  );
  for (const [reason, count] of failures) console.log(`  failed: ${count} × ${reason}`);
}

/** Child mode: stock @xmpp/client logins against the target passed in the environment. */
async function stockChild(target) {
  const { client } = await import('@xmpp/client');
  const sessions = [];
  const result = await storm(target.accounts.length, target.concurrency, async (i) => {
    const xmpp = client({
      service: `xmpp://${target.host}:${target.port}`,
      domain: target.domain,
      username: target.accounts[i].username,
      password: target.accounts[i].password,
    });
    xmpp.reconnect.stop();
    xmpp.on('error', () => {});
    const started = performance.now();
    await xmpp.start();
    sessions.push(xmpp);
    return performance.now() - started;
  });
  report('stock @xmpp/client 0.14 (STARTTLS, JavaScript SCRAM-SHA-1)', result);
  await Promise.all(sessions.map((xmpp) => xmpp.stop().catch(() => {})));
}

/** SCRAM's own client work per login (no network, no TLS): cold derivation vs the cached one. */
async function scramAlone() {
  const { ScramClient } = await import('../dist/xmpp/scram.js');
  const { forgetSaltedPasswords } = await import('../dist/xmpp/salted-password.js');
  for (const iterations of [4096, 10000]) {
    const cpuPerLogin = async (n) => {
      const before = process.cpuUsage();
      for (let i = 0; i < n; i += 1) {
        const client = new ScramClient({ hash: 'SHA-1', username: 'bench', password: 'pw-bench', nonce: 'clientnonce' });
        client.clientFirst();
        await client.clientFinal(`r=clientnonceservernonce,s=QSXCR+Q6sek8bf92,i=${iterations}`);
      }
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000 / n;
    };
    forgetSaltedPasswords();
    const cold = await cpuPerLogin(1);
    const warm = await cpuPerLogin(1000);
    console.log(`SCRAM-SHA-1 client messages alone, i=${iterations}: cold ${cold.toFixed(2)} ms CPU, warm (cached salted password) ${warm.toFixed(3)} ms CPU per login`);
  }
}

async function main() {
  const { startLab } = await import('../dist/lab/index.js');
  const { openSession } = await import('../dist/xmpp/index.js');
  const users = Number(args.users);
  const concurrency = Number(args.concurrency);
  const stock = Number(args.stock);

  const lab = await startLab('prosody');
  try {
    const specs = Array.from({ length: users + stock }, (_, i) => ({ username: `bench${i}`, password: `pw-${i}-bench` }));
    const accounts = await lab.createAccounts(specs);
    const ca = await readFile(lab.caFile, 'utf8');
    const port = args.tls === 'direct' ? lab.ports.c2sDirectTls : lab.ports.c2s;
    console.log(`Prosody ${lab.version} on ${lab.host}:${port} (${args.tls}), ${users} users, concurrency ${concurrency}`);

    const round = async (label) => {
      const sessions = [];
      const phases = { tcp_connect: [], tls_handshake: [], sasl_auth: [], bind: [] };
      const result = await storm(users, concurrency, async (i) => {
        const session = await openSession({
          domain: lab.domains[0],
          host: lab.host,
          port,
          tls: args.tls,
          ca,
          username: accounts[i].username,
          password: accounts[i].password,
          mechanism: args.mechanism,
        });
        sessions.push(session);
        for (const name of Object.keys(phases)) phases[name].push(session.timings[name]);
        return session.timings.login_total;
      });
      report(`src/xmpp (native SCRAM, ${sessions[0]?.info.mechanism ?? '?'}) ${label}`, result);
      const median = (values) => percentile([...values].sort((a, b) => a - b), 50).toFixed(2);
      console.log(`  phase medians (ms): ${Object.entries(phases).map(([k, v]) => `${k} ${median(v)}`).join(', ')}`);
      await Promise.all(sessions.map((session) => session.close()));
    };
    await round('cold');
    for (let i = 1; i <= Number(args.repeat); i += 1) await round(`warm #${i}`);
    if (Number(args.repeat) > 0) await scramAlone();

    if (stock > 0) {
      const target = {
        host: lab.host,
        port: lab.ports.c2s,
        domain: lab.domains[0],
        concurrency,
        accounts: accounts.slice(users).map(({ username, password }) => ({ username, password })),
      };
      // The target (with passwords) goes through the environment, not the visible command line.
      const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--stock-child'], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: lab.caFile, BENCH_STOCK_TARGET: JSON.stringify(target) },
        stdio: 'inherit',
      });
      await new Promise((resolve) => child.on('exit', resolve));
    }
  } finally {
    await lab.stop();
  }
}

if (args['stock-child']) await stockChild(JSON.parse(process.env.BENCH_STOCK_TARGET));
else await main();
