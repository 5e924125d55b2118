/**
 * Live metrics outputs, by the word before `=` in `--metrics NAME=URL` (today: prometheus).
 * Each is a run observer with a `close` that sends what is left when the run is over.
 */
import { GauntletError } from '../util/errors.js';
import { parsePushUrl, type PushUrl } from '../util/push-url.js';
import { suggestionHint } from '../util/suggest.js';

export { prometheusOutput, type PrometheusOutput } from './prometheus/output.js';
export type { PushStats, PushTarget } from './prometheus/remote-write.js';

export const OUTPUT_NAMES = ['prometheus'] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

export interface OutputSpec {
  readonly name: OutputName;
  readonly target: PushUrl;
}

/** `prometheus=http://host:9090/api/v1/write` → its output name and URL. */
export function parseOutputSpec(text: string): OutputSpec {
  const equals = text.indexOf('=');
  const name = equals === -1 ? text : text.slice(0, equals);
  if (!(OUTPUT_NAMES as readonly string[]).includes(name)) {
    throw new GauntletError('usage', `--metrics ${name}: no such output`, { hint: suggestionHint(name, OUTPUT_NAMES, 'outputs') });
  }
  if (equals === -1) throw new GauntletError('usage', `--metrics ${name} needs a URL`, { hint: `--metrics ${name}=http://localhost:9090/api/v1/write` });
  return { name: name as OutputName, target: parsePushUrl(text.slice(equals + 1)) };
}
