/**
 * `gauntlet rank` options turned into probe settings: timeouts, politeness, trust, DNS. The
 * observer domain (federation and inventory probes) is played with the --peer-* options of
 * docs/federation.md; see rank-observer.ts.
 */
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { ProbeOptions } from '../rank/probe/index.js';
import { parseDuration } from '../util/duration.js';
import { GauntletError } from '../util/errors.js';
import { addPeerOptions, type S2sFlags } from './s2s-options.js';

export interface RankFlags extends S2sFlags {
  out?: string;
  concurrency: number;
  timeout: string;
  hostTimeout: string;
  ca?: string;
  dnsServer?: string[];
  delay: string;
  resume?: boolean;
  quiet?: boolean;
}

function wholeNumber(max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1 || value > max) throw new InvalidArgumentError(`wants a whole number from 1 to ${max}, got "${text}"`);
    return value;
  };
}

export function addRankOptions(command: Command): Command {
  return addPeerOptions(command)
    .option('-o, --out <dir>', 'where rank.json, rank.csv, leaderboard.html, badges/ and the facts journal go (default: reports/rank-<timestamp>/)')
    .option('--concurrency <n>', 'hosts probed at once (each host gets at most 2 connections at a time)', wholeNumber(256), 16)
    .option('--timeout <duration>', 'time limit of one probe step (a lookup, a connect, a handshake, an answer)', '10s')
    .option('--host-timeout <duration>', "time limit of one host's probes: past it the rest are skipped with a reason", '2m')
    .option('--ca <file>', 'PEM file of a CA to trust instead of the system roots (private deployments, the lab)')
    .option('--dns-server <ip[:port]>', 'resolve through this DNS server instead of the system one; repeatable', (v: string, prev: string[] = []) => [...prev, v])
    .option('--delay <duration>', 'pause between two connections to the same host (politeness)', '250ms')
    .option('--resume', 'continue the run in --out: hosts already in its journal are not probed again')
    .option('-q, --quiet', 'no progress line');
}

function duration(text: string, option: string): number {
  try {
    return parseDuration(text);
  } catch {
    throw new GauntletError('usage', `${option} ${text} is not a duration`, { hint: 'write e.g. 10s, 500ms or 2m' });
  }
}

async function readPem(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new GauntletError('usage', `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { hint: 'give the path of a PEM file' });
  }
}

export async function probeOptionsFrom(flags: RankFlags): Promise<Partial<ProbeOptions>> {
  const options: Partial<ProbeOptions> = { stepTimeoutMs: duration(flags.timeout, '--timeout'), hostTimeoutMs: duration(flags.hostTimeout, '--host-timeout') };
  if (flags.ca) options.ca = await readPem(flags.ca, 'the --ca file');
  if (flags.dnsServer) options.dnsServers = flags.dnsServer;
  options.politenessDelayMs = duration(flags.delay, '--delay');
  return options;
}
