/** `gauntlet rank` options turned into probe settings: timeouts, trust, DNS and the observer domain. */
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { ProbeOptions } from '../rank/probe/index.js';
import { parseDuration } from '../util/duration.js';
import { GauntletError } from '../util/errors.js';
import { parseAddress } from './s2s-options.js';

export interface RankFlags {
  out?: string;
  concurrency: number;
  timeout: string;
  hostTimeout: string;
  ca?: string;
  dnsServer?: string[];
  observerDomain?: string;
  observerListen?: { host: string; port: number };
  observerCert?: { certFile: string; keyFile: string };
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

function certPair(text: string): RankFlags['observerCert'] {
  const match = /^([^,]+),(.+)$/.exec(text);
  if (!match) throw new InvalidArgumentError(`wants CERT.pem,KEY.pem, got "${text}"`);
  return { certFile: match[1]!, keyFile: match[2]! };
}

export function addRankOptions(command: Command): Command {
  return command
    .option('-o, --out <dir>', 'where rank.json, rank.csv, leaderboard.html, badges/ and the facts journal go (default: reports/rank-<timestamp>/)')
    .option('--concurrency <n>', 'hosts probed at once (each host gets at most 2 connections at a time)', wholeNumber(256), 16)
    .option('--timeout <duration>', 'time limit of one probe step (a lookup, a connect, a handshake, an answer)', '10s')
    .option('--host-timeout <duration>', "time limit of one host's probes: past it the rest are skipped with a reason", '2m')
    .option('--ca <file>', 'PEM file of a CA to trust instead of the system roots (private deployments, the lab)')
    .option('--dns-server <ip[:port]>', 'resolve through this DNS server instead of the system one; repeatable', (v: string, prev: string[] = []) => [...prev, v])
    .option('--observer-domain <domain>', "the domain the tool plays for the s2s probes; the hosts must resolve it to --observer-listen (without it s2s is not probed)")
    .option('--observer-listen <addr:port>', "where the observer's s2s listener binds (hosts dial back there)", parseAddress)
    .option('--observer-cert <cert,key>', "PEM certificate and key for the observer domain", certPair)
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
  if (flags.observerDomain || flags.observerListen || flags.observerCert) {
    if (!flags.observerDomain || !flags.observerListen) {
      throw new GauntletError('usage', 'the s2s probes need both --observer-domain and --observer-listen', { hint: 'e.g. --observer-domain observer.example.org --observer-listen 0.0.0.0:5269' });
    }
    options.observer = {
      domain: flags.observerDomain.toLowerCase(),
      listenHost: flags.observerListen.host,
      listenPort: flags.observerListen.port,
      ...(flags.observerCert
        ? { certificatePem: await readPem(flags.observerCert.certFile, 'the observer certificate'), keyPem: await readPem(flags.observerCert.keyFile, 'the observer key') }
        : {}),
    };
  }
  return options;
}
