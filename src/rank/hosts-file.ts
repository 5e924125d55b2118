/**
 * The HOSTS list of `gauntlet rank`: a plain list of domains (one a line, `#` comments and blank
 * lines allowed) or a JSON array of HostEntry. Every problem is reported with its line, at once.
 */
import type { HostEntry } from './facts.js';
import { GauntletError } from '../util/errors.js';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const isPort = (value: unknown) => value === undefined || (Number.isInteger(value) && (value as number) > 0 && (value as number) < 65536);

function checkEntry(value: unknown, where: string, problems: string[]): HostEntry | undefined {
  if (typeof value === 'string') value = { domain: value };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${where}: wants a domain or an object { "domain": … }`);
    return undefined;
  }
  const entry = value as Record<string, unknown>;
  const domain = typeof entry.domain === 'string' ? entry.domain.trim().toLowerCase() : '';
  if (!DOMAIN.test(domain)) problems.push(`${where}: "${String(entry.domain)}" is not a domain name`);
  for (const key of ['port', 'directPort', 's2sPort']) if (!isPort(entry[key])) problems.push(`${where}: ${key} must be a port number`);
  if (entry.host !== undefined && typeof entry.host !== 'string') problems.push(`${where}: host must be a string`);
  if (entry.accounts !== undefined && !Array.isArray(entry.accounts)) problems.push(`${where}: accounts must be a list of { jid, passwordEnv }`);
  return { ...(entry as unknown as HostEntry), domain };
}

function parseJson(text: string, problems: string[]): HostEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    problems.push(`not valid JSON: ${(error as Error).message}`);
    return [];
  }
  if (!Array.isArray(data)) {
    problems.push('a JSON host list must be an array');
    return [];
  }
  return data.flatMap((value, i) => checkEntry(value, `entry ${i + 1}`, problems) ?? []);
}

function parsePlain(text: string, problems: string[]): HostEntry[] {
  return text.split(/\r?\n/).flatMap((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return [];
    return checkEntry(line, `line ${i + 1}`, problems) ?? [];
  });
}

/** The entries, first listing of a domain kept; `duplicates` names the others. */
export function parseHostList(text: string, file: string): { entries: HostEntry[]; duplicates: string[] } {
  const problems: string[] = [];
  const parsed = text.trimStart().startsWith('[') ? parseJson(text, problems) : parsePlain(text, problems);
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((p) => `  ${p}`).join('\n');
    const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
    throw new GauntletError('usage', `${file}: ${problems.length} problem(s) in the host list:\n${shown}${more}`, {
      hint: 'one domain a line (# comments allowed), or a JSON array like [{"domain": "example.org"}]',
    });
  }
  if (parsed.length === 0) throw new GauntletError('usage', `${file} lists no host`, { hint: 'write one domain a line, e.g. example.org' });
  const seen = new Set<string>();
  const entries: HostEntry[] = [];
  const duplicates: string[] = [];
  for (const entry of parsed) {
    if (seen.has(entry.domain)) duplicates.push(entry.domain);
    else entries.push(entry), seen.add(entry.domain);
  }
  return { entries, duplicates };
}
