/**
 * URLs we push metrics to (Prometheus remote write). Credentials written in the URL
 * (`https://user:pass@host/...`) are split off, so the URL itself can be printed and stored.
 */
import { GauntletError } from './errors.js';

export interface PushUrl {
  /** Without user and password. */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
}

/** What is wrong with `text` as a push URL, or undefined. */
export function pushUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not echoed: the text may hold a password.
    return 'the push URL is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `a push URL is http:// or https://, not ${url.protocol}`;
  return undefined;
}

export function parsePushUrl(text: string): PushUrl {
  const problem = pushUrlProblem(text);
  if (problem) throw new GauntletError('usage', problem, { hint: 'e.g. prometheus=http://localhost:9090/api/v1/write (Prometheus started with --web.enable-remote-write-receiver)' });
  const url = new URL(text);
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  return { url: url.toString(), ...(username || password ? { username, password } : {}) };
}
