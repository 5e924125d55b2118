import { resolve } from 'node:path';
import { stdoutPaint } from '../colours.js';
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseSelectors, REQUIREMENT_NAMES, type CheckAccount, type CheckHttpTarget, type CheckResult } from '../../checks/index.js';
import { runCheckCommand } from '../../engine/check-run.js';
import type { CheckAccountSource } from '../../engine/checks.js';
import { LAB_SERVERS, LAB_VARIANTS } from '../../scenario/schema/target.js';
import type { Target } from '../../scenario/index.js';
import { renderChecksSummary } from '../../report/checks-summary.js';
import { renderRequirementsSummary, requirementsUnmet } from '../../report/requirements-summary.js';
import { GauntletError } from '../../util/errors.js';
import { parseJid } from '../../xmpp/index.js';
import { gateOnExpectations, readExpectationsFile, writeExpectationsFile } from '../check-expectations.js';
import { EXIT } from '../exit-codes.js';
import { JUNIT_OPTION_HELP, writeJunitFile } from '../junit-file.js';
import { addS2sOptions, externalPeerSettings, type S2sFlags } from '../s2s-options.js';
import { toolVersion } from '../version.js';
import { checkExitCode } from '../check-exit.js';
import { addLimitOption } from '../limit-option.js';
import { setLastWords } from '../last-words.js';
import { parseDuration } from '../../util/duration.js';
import { writeHtmlBeside } from './report.js';

interface CheckFlags extends S2sFlags {
  host?: string;
  port?: number;
  directPort?: number;
  websocketUrl?: string;
  boshUrl?: string;
  hostMeta?: string;
  uploadService?: string;
  ca?: string;
  user?: string;
  passwordEnv?: string;
  register?: boolean;
  lab?: (typeof LAB_SERVERS)[number];
  variant: (typeof LAB_VARIANTS)[number];
  checks?: string;
  skipChecks?: string;
  profile: 'rfc6120' | 'rfc3920';
  concurrency: number;
  out?: string;
  junit?: string;
  expect?: string;
  require?: string;
  writeExpect?: string;
  quiet?: boolean;
  checkTimeout: string;
  deadline: string;
}

function positiveInteger(max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1 || value > max) throw new InvalidArgumentError(`wants a whole number from 1 to ${max}, got "${text}"`);
    return value;
  };
}

const parseNames = (text: string | undefined): string[] => (text ?? '').split(',').map((name) => name.trim()).filter(Boolean);

function targetFrom(domain: string | undefined, flags: CheckFlags): Target {
  if (flags.lab) {
    if (domain || flags.host || flags.directPort) throw new GauntletError('usage', '--lab starts its own server: give no domain, --host or --direct-port with it');
    return { kind: 'lab', server: flags.lab, variant: flags.variant, federateWith: undefined };
  }
  if (!domain) throw new GauntletError('usage', `which server? give a DOMAIN, or --lab ${LAB_SERVERS.join('|')}`, { hint: 'gauntlet check example.org' });
  return { kind: 'server', domains: [domain], host: flags.host, port: flags.port ?? (flags.host ? 5222 : undefined), tls: 'starttls', ca: flags.ca && resolve(flags.ca), allowCleartextAuth: false, federateWith: undefined };
}

function httpUrl(schemes: readonly string[]) {
  return (text: string): string => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new InvalidArgumentError(`wants a URL (${schemes.join(' or ')}), got "${text}"`);
    }
    if (!schemes.includes(url.protocol.replace(/:$/, ''))) throw new InvalidArgumentError(`wants a ${schemes.join(' or ')} URL, got "${text}"`);
    return text;
  };
}

/** The HTTP side the user named; with --lab the lab's own endpoints are used instead. */
function httpTargetFrom(flags: CheckFlags): CheckHttpTarget | undefined {
  const given = { websocket: flags.websocketUrl, bosh: flags.boshUrl, hostMeta: flags.hostMeta, uploadService: flags.uploadService };
  const named = Object.entries(given).filter(([, value]) => value !== undefined);
  if (named.length === 0) return undefined;
  if (flags.lab) throw new GauntletError('usage', '--lab serves its own HTTP endpoints: drop --websocket-url, --bosh-url, --host-meta and --upload-service');
  return Object.fromEntries(named) as CheckHttpTarget;
}

/** The password comes only from an environment variable: never from argv (visible in ps) and never echoed. */
function accountsFrom(flags: CheckFlags, env: NodeJS.ProcessEnv): CheckAccountSource {
  if (flags.user && flags.register) throw new GauntletError('usage', 'use either --user or --register, not both');
  if (flags.lab) {
    if (flags.user || flags.register) throw new GauntletError('usage', '--lab creates fresh accounts itself: drop --user/--register');
    return 'lab';
  }
  if (flags.register) return 'register';
  if (!flags.user) return { supplied: [] };
  if (!flags.passwordEnv) throw new GauntletError('usage', '--user needs --password-env VAR naming the environment variable that holds the password');
  const password = env[flags.passwordEnv];
  if (!password) throw new GauntletError('usage', `the environment variable ${flags.passwordEnv} is not set`);
  const jid = parseJid(flags.user);
  const account: CheckAccount = { username: jid.getLocal(), password, domain: jid.getDomain(), jid: `${jid.getLocal()}@${jid.getDomain()}` };
  return { supplied: [account] };
}

async function check(domain: string | undefined, flags: CheckFlags): Promise<number> {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write('\nstopping: finishing the running checks and writing results (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  const deadline = AbortSignal.timeout(parseDuration(flags.deadline));
  let forgetPartial: () => void = () => undefined;
  try {
    const expected = flags.expect ? await readExpectationsFile(flags.expect) : undefined;
    const progress = (result: CheckResult) => process.stderr.write(`  ${result.verdict.padEnd(5)} ${result.id}\n`);
    const { result, file } = await runCheckCommand({
      target: targetFrom(domain, flags),
      accounts: accountsFrom(flags, process.env),
      directTlsPort: flags.directPort,
      http: httpTargetFrom(flags),
      require: parseNames(flags.require),
      select: parseSelectors(flags.checks),
      skip: parseSelectors(flags.skipChecks),
      profile: flags.profile,
      concurrency: flags.concurrency,
      timeoutMs: parseDuration(flags.checkTimeout),
      signal: AbortSignal.any([controller.signal, deadline]),
      onResult: flags.quiet ? undefined : progress,
      version: toolVersion(),
      out: flags.out,
      s2s: { port: flags.s2sPort, peers: externalPeerSettings(flags, Boolean(flags.lab)) },
      say: (line) => process.stderr.write(`${line}\n`),
      onPartial: (write) => {
        forgetPartial = setLastWords(async () => {
          const file = await write();
          await writeHtmlBeside(file);
          return file;
        });
      },
    });
    const requirementsText = result.requirements ? `\n${renderRequirementsSummary(result.requirements, stdoutPaint())}` : '';
    process.stdout.write(`\n${renderChecksSummary(result.checks ?? [], stdoutPaint())}${requirementsText}\nresults: ${file}\n`);
    const htmlFile = await writeHtmlBeside(file, result);
    if (htmlFile) process.stdout.write(`report: ${htmlFile}\n`);
    if (flags.junit) await writeJunitFile(flags.junit, result);
    if (flags.writeExpect) await writeExpectationsFile(flags.writeExpect, result);
    const byDeadline = deadline.aborted && !controller.signal.aborted;
    if (byDeadline) process.stderr.write(`the run's deadline of ${flags.deadline} passed: the checks not finished by then are marked as not run\n`);
    const code = checkExitCode(result.checks ?? [], { byUser: controller.signal.aborted, byDeadline });
    if (code !== EXIT.ok && code !== EXIT.checksFailed) return code;
    if (requirementsUnmet(result.requirements)) return EXIT.checksFailed;
    if (expected) return gateOnExpectations(expected, result, (text) => process.stdout.write(`\n${text}`));
    return code;
  } finally {
    forgetPartial();
    process.off('SIGINT', onSignal);
  }
}

export function registerCheckCommand(program: Command): void {
  const command = program
    .command('check')
    .description('run the conformance checks against a server (or a throwaway lab server), without a scenario file')
    .argument('[domain]', 'the XMPP domain under test (host and port from DNS SRV unless --host is given)')
    .option('--host <host>', 'address to connect to instead of the SRV lookup')
    .option('--port <port>', 'STARTTLS client port (default 5222 with --host)', positiveInteger(65535))
    .option('--direct-port <port>', 'direct-TLS client port (XEP-0368) for the checks that need it', positiveInteger(65535))
    .option('--websocket-url <url>', 'RFC 7395 WebSocket endpoint (wss://…) for the websocket checks', httpUrl(['wss', 'ws']))
    .option('--bosh-url <url>', 'XEP-0206 BOSH endpoint (https://…) for the bosh checks', httpUrl(['https', 'http']))
    .option('--host-meta <url>', 'XEP-0156 host-meta URL for the discovery checks (they look at https://DOMAIN/.well-known/host-meta otherwise)', httpUrl(['https', 'http']))
    .option('--upload-service <jid>', 'XEP-0363 upload service JID (found through disco#items of the domain otherwise)')
    .option('--ca <file>', "PEM file of the CA to trust instead of the system roots (never 'no checks')")
    .option('--user <jid>', 'an existing account for the checks that need one (shared by them one at a time, its roster put back afterwards)')
    .option('--password-env <var>', "environment variable holding --user's password (never given on the command line)")
    .option('--register', 'allow creating throwaway accounts by in-band registration (XEP-0077), removed afterwards; without it no account is created')
    .addOption(new Option('--lab <server>', 'start a throwaway lab server and check it').choices([...LAB_SERVERS]))
    .addOption(new Option('--variant <name>', 'lab variant (with --lab)').choices([...LAB_VARIANTS]).default('baseline'))
    .option('--checks <selectors>', 'comma-separated ids, globs (rfc6120.stream.*), areas, tags or spec names (default: all)')
    .option('--skip-checks <selectors>', 'comma-separated selectors to leave out')
    .addOption(new Option('--profile <profile>', 'rfc3920 accepts the older names and behaviours').choices(['rfc6120', 'rfc3920']).default('rfc6120'))
    .option('--concurrency <n>', 'checks running at once', positiveInteger(16), 4)
    .option('-o, --out <dir>', 'where result.json and report.html go (default: reports/check-<domain>-<timestamp>/)')
    .option('--junit <file>', JUNIT_OPTION_HELP)
    .option('--require <names>', `deployment requirements, comma-separated (${REQUIREMENT_NAMES.join(', ')}): an absent one exits 1, reported apart from the RFC verdicts`)
    .option('--expect <file>', 'known verdicts (a result.json or an expectations file): exit 1 only when a check gets worse')
    .option('--write-expect <file>', "write this run's verdicts as an expectations file for --expect")
    .option('-q, --quiet', 'no per-check progress, only the summary')
    .option('--check-timeout <duration>', 'time limit of one check', '20s')
    .option('--deadline <duration>', 'time limit of the whole run: checks not finished by then count as not run', '30m');
  addS2sOptions(command)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ gauntlet check --lab prosody                          the whole catalogue against a throwaway Prosody\n' +
        '  $ gauntlet check example.org --register --checks stream,sasl\n' +
        '  $ XMPP_PW=... gauntlet check example.org --user me@example.org --password-env XMPP_PW\n' +
        '  $ gauntlet check localhost --host 127.0.0.1 --ca ca.pem --profile rfc3920\n' +
        '  $ gauntlet check example.org --register --expect expectations.yaml   CI gate: only new failures exit 1\n' +
        '  $ gauntlet check example.org --host 10.0.0.2 --ca ca.pem --register --checks s2s --s2s-port 5269 --peer-dns embedded:10.0.0.9:5300 --peer-listen 10.0.0.9:0\n' +
        '\nExit code 1 when a MUST check fails (with --expect: when a verdict got worse); 3 when most checks could not run or the deadline passed.\n' +
        '`gauntlet checks list` shows the catalogue.\n',
    )
    .action(async (domain: string | undefined, flags: CheckFlags) => {
      process.exitCode = await check(domain, flags);
    });
  addLimitOption(command);
}
