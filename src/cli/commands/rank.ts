import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { HostEntry } from '../../rank/facts.js';
import { parseHostList } from '../../rank/hosts-file.js';
import { JOURNAL_FILE, readJournal, repairJournal } from '../../rank/journal.js';
import { probeHost } from '../../rank/probe/index.js';
import { rankProgress, type RankProgressState } from '../../rank/progress.js';
import { runRank } from '../../rank/run.js';
import { renderLeaderboardText } from '../../rank/output/text.js';
import { OUTPUT_FILES, writeRankOutputs } from '../../rank/output/write.js';
import { GauntletError } from '../../util/errors.js';
import { terminalSafe } from '../../util/terminal-text.js';
import { EXIT } from '../exit-codes.js';
import { addRankOptions, probeOptionsFrom, type RankFlags } from '../rank-options.js';
import { startRankObserver } from '../rank-observer.js';
import { toolVersion } from '../version.js';

async function readHosts(file: string): Promise<HostEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new GauntletError('usage', `cannot read the host list ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      hint: 'give a file with one domain a line, or a JSON array of { "domain": … }',
    });
  }
  const { entries, duplicates } = parseHostList(text, file);
  if (duplicates.length > 0) process.stderr.write(`listed more than once (ranked once): ${terminalSafe(duplicates.slice(0, 10).join(', '))}${duplicates.length > 10 ? ', …' : ''}\n`);
  return entries;
}

/** Domains already in the journal of a run being resumed. */
async function alreadyProbed(journal: string, resume: boolean): Promise<Set<string>> {
  const done = new Set<string>();
  if (!existsSync(journal)) return done;
  if (!resume) {
    throw new GauntletError('usage', `${journal} holds an earlier run's facts`, { hint: 'add --resume to continue that run, or choose another --out' });
  }
  await repairJournal(journal);
  for await (const { facts } of readJournal(journal)) done.add(facts.domain);
  return done;
}

async function rank(hostsFile: string, flags: RankFlags): Promise<number> {
  if (flags.resume && !flags.out) throw new GauntletError('usage', '--resume needs the --out of the run to continue', { hint: 'e.g. gauntlet rank hosts.txt --out reports/rank-1 --resume' });
  const entries = await readHosts(hostsFile);
  const probeOptions = await probeOptionsFrom(flags);
  const outDir = resolve(flags.out ?? join('reports', `rank-${new Date().toISOString().replace(/[:.]/g, '-')}`));
  const journal = join(outDir, JOURNAL_FILE);
  await mkdir(outDir, { recursive: true });
  const done = await alreadyProbed(journal, Boolean(flags.resume));
  const todo = entries.filter((entry) => !done.has(entry.domain));
  if (done.size > 0) process.stderr.write(`resuming: ${entries.length - todo.length} of ${entries.length} hosts already probed\n`);

  const observer = await startRankObserver(flags, typeof probeOptions.ca === 'string' ? probeOptions.ca : undefined, (line) => process.stderr.write(`${terminalSafe(line)}\n`));
  if (observer) probeOptions.observer = observer.observer;
  else process.stderr.write('no observer domain (--peer-dns …): federation and the service inventory are not probed\n');
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write('\nstopping: writing what was gathered (Ctrl-C again to quit at once; --resume continues)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  const state: RankProgressState = { done: entries.length - todo.length, total: entries.length, unreachable: 0, startedMs: Date.now() };
  const stopProgress = rankProgress(process.stderr, state, Boolean(flags.quiet));
  let tally;
  try {
    const stepMs = probeOptions.stepTimeoutMs!;
    tally = await runRank({
      entries: todo,
      // Passwords come from the environment variables the list names; only the CLI reads the environment.
      probe: (entry, signal) => probeHost(entry, { ...probeOptions, passwordOf: (name) => process.env[name], signal }),
      journal,
      concurrency: flags.concurrency,
      // The probes keep their own host timeout; this is the backstop against one that hangs.
      hostDeadlineMs: probeOptions.hostTimeoutMs! + stepMs + 5000,
      signal: controller.signal,
      onHostDone: (facts) => {
        state.done += 1;
        if (facts.unreachable) state.unreachable += 1;
        state.last = facts.domain;
      },
    });
  } finally {
    stopProgress();
    process.off('SIGINT', onSignal);
    await observer?.close();
  }
  const interrupted = controller.signal.aborted;
  const ranked = await writeRankOutputs(outDir, journal, {
    generatedAt: new Date().toISOString(), toolVersion: toolVersion(), listed: entries.length, notFinished: tally.notFinished, interrupted,
  });
  process.stdout.write(`\n${renderLeaderboardText(ranked)}\n`);
  process.stdout.write(`leaderboard: ${join(outDir, OUTPUT_FILES.html)}\nresults: ${join(outDir, OUTPUT_FILES.json)} (also ${OUTPUT_FILES.csv}, ${OUTPUT_FILES.badges}/)\n`);
  if (interrupted) {
    process.stderr.write(`interrupted: ${tally.notFinished} host(s) not probed; continue with --out ${outDir} --resume\n`);
    return EXIT.interrupted;
  }
  if (ranked.length > 0 && ranked.every((r) => r.grades.unreachable !== undefined)) {
    process.stderr.write('no host could be reached: check this machine\'s network and DNS (--dns-server), or the list\n');
    return EXIT.unreachable;
  }
  return EXIT.ok;
}

export function registerRankCommand(program: Command): void {
  const command = program
    .command('rank')
    .description('grade and rank many XMPP hosts with light probes (TLS, security, compliance-suite features, federation); no account is created')
    .argument('<hosts>', 'file of domains, one a line (# comments allowed), or a JSON array of { "domain", "host"?, "port"?, "directPort"?, "s2sPort"? }');
  addRankOptions(command)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ gauntlet rank servers.txt --out reports/rank-dec\n' +
        '  $ gauntlet rank servers.txt --out reports/rank-dec --resume      continue an interrupted run\n' +
        '  $ gauntlet rank servers.txt --peer-dns dns --peer-domain obs.example.org --peer-listen 0.0.0.0:5269 --peer-cert obs.example.org=obs.pem,obs.key\n' +
        '  $ gauntlet compare reports/rank-nov/rank.json reports/rank-dec/rank.json\n' +
        '\nThe rubric is docs/rank.md. Exit codes: 0 ranked (whatever the grades), 2 bad list or options,\n' +
        `3 no host could be reached, ${EXIT.interrupted} interrupted (what was gathered is written; --resume continues).\n`,
    )
    .action(async (hosts: string, flags: RankFlags) => {
      process.exitCode = await rank(hosts, flags);
    });
}
