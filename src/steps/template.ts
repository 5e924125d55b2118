/**
 * Rendering of flow strings (docs/scenario.md, "Templates"): {user} (username), {n} (the user's
 * number), {seq} (a counter of this user's step executions), {domain} (the user's domain);
 * `{{` and `}}` are literal braces. The loader has already refused any other placeholder.
 */
export interface TemplateValues {
  user: string;
  n: number;
  seq: number;
  domain: string;
}

const TOKEN = /\{\{|\}\}|\{(user|n|seq|domain)\}/g;

export function renderTemplate(text: string, values: TemplateValues): string {
  if (!text.includes('{') && !text.includes('}')) return text;
  return text.replace(TOKEN, (token, name?: string) => {
    switch (name) {
      case 'user':
        return values.user;
      case 'n':
        return String(values.n);
      case 'seq':
        return String(values.seq);
      case 'domain':
        return values.domain;
      default:
        return token === '{{' ? '{' : '}';
    }
  });
}
