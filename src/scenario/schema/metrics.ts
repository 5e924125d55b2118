/** `options.metrics:` — where live metrics go while the run goes on (docs/reports.md). */
import { FormatRegistry, Type } from '@sinclair/typebox';
import { parsePushUrl, pushUrlProblem } from '../../util/push-url.js';
import { Secret } from '../secret.js';
import { Decoded, Strict, withExplainer } from './base.js';

const PUSH_URL_FORMAT = 'gauntlet-push-url';
FormatRegistry.Set(PUSH_URL_FORMAT, (text) => pushUrlProblem(text) === undefined);

/** A push URL; a user:password in it becomes a secret (never printed, '***' in results). */
function PushUrl(description: string) {
  const text = withExplainer(Type.String({ format: PUSH_URL_FORMAT, description, examples: ['http://localhost:9090/api/v1/write'] }), (value) => ({
    message: pushUrlProblem(String(value)) ?? 'not a push URL',
    hint: 'write http(s)://host:port/path; credentials may go in it as ${env:USER}:${env:PASSWORD}@',
  }));
  return Decoded(text, (value) => {
    const { url, username, password } = parsePushUrl(value);
    return { url, ...(username !== undefined ? { username, password: new Secret(password ?? '') } : {}) };
  });
}

export const MetricsOutputsSchema = Strict(
  {
    prometheus: Type.Optional(PushUrl('Prometheus remote-write URL: live metrics are pushed every second, as --metrics prometheus=URL does')),
  },
  { description: 'Live metrics outputs' },
);
