// The FAKE HOSTILE SERVER corpus through the real CLI: one row per case with exit code, wall time,
// peak RSS of the gauntlet process (VmHWM), result.json / report.html sizes and the first reason.
//   npm run build && node bench/hostile-corpus.mjs [case ...] [--mode check|run] [--jobs N]
import { HOSTILE_CASES } from '../test/helpers/hostile/fake-hostile-server.mjs';
import { runHostileCase } from '../test/helpers/hostile/run-case.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : fallback;
};
const mode = option('--mode', 'check');
const jobs = Number(option('--jobs', '2'));
const names = args.length > 0 ? args : Object.keys(HOSTILE_CASES);

const rows = [];
const queue = [...names];
await Promise.all(Array.from({ length: jobs }, async () => {
  for (let name = queue.shift(); name; name = queue.shift()) {
    const run = await runHostileCase(name, mode);
    const notable = (run.result?.checks ?? []).find((check) => check.verdict === 'fail' || check.verdict === 'error');
    const why = notable?.reason ?? run.result?.errors?.sample?.[0]?.message ?? run.err.trim().split('\n').at(-1) ?? '';
    rows.push([name, String(run.code ?? run.signal), `${(run.ms / 1000).toFixed(1)} s`, `${run.peakRssMb} MB`, `${Math.round((run.resultBytes ?? 0) / 1024)} KB`, `${Math.round((run.htmlBytes ?? 0) / 1024)} KB`, JSON.stringify(why.slice(0, 90)).slice(1, -1)]);
    process.stderr.write(`done: ${name}\n`);
  }
}));
const header = ['case', 'exit', 'time', 'peak RSS', 'result.json', 'report.html', 'reason (first fail/error)'];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
