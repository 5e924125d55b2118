/**
 * Placeholder rendering for scenario strings. Supported: {user} (username), {n} (1-based user
 * index), {n+K} / {n-K} (another user's index, e.g. `user{n+1}`), {seq} (the user's current
 * sequence number, see UserState.nextSeq), {domain}, {iteration} (0-based). Anything else in
 * braces is left as written, so XML or JSON text passes through untouched.
 */
export interface TemplateValues {
  user: string;
  n: number;
  seq: number;
  domain: string;
  iteration: number;
}

const PLACEHOLDER = /\{(user|domain|seq|iteration|n(?:\s*([+-])\s*(\d+))?)\}/g;

export function renderTemplate(text: string, values: TemplateValues): string {
  if (!text.includes('{')) return text;
  return text.replace(PLACEHOLDER, (_whole, name: string, sign?: string, offset?: string) => {
    if (name === 'user') return values.user;
    if (name === 'domain') return values.domain;
    if (name === 'seq') return String(values.seq);
    if (name === 'iteration') return String(values.iteration);
    if (sign === undefined || offset === undefined) return String(values.n);
    return String(sign === '+' ? values.n + Number(offset) : values.n - Number(offset));
  });
}

