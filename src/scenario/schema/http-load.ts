/**
 * `http_load:` — phases of HTTP load on the endpoints an XMPP deployment serves besides XMPP
 * itself (XEP-0156 host-meta, XEP-0124/0206 BOSH session creation, XEP-0363 upload, any URL),
 * run one after another once the XMPP load phases are done.
 */
import { Type } from '@sinclair/typebox';
import { Choice, Decoded, Duration, PositiveInteger, Strict } from './base.js';

export const HTTP_ENDPOINTS = ['host-meta', 'bosh-session', 'url', 'upload'] as const;
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'] as const;

/** Most files one upload phase may move, and the most bytes (every body is kept to verify the download). */
export const MAX_UPLOAD_FILES = 10_000;
export const MAX_UPLOAD_TOTAL_BYTES = 256 * 1024 * 1024;

const common = {
  name: Type.Optional(Type.String({ minLength: 1, description: 'Label of the phase and the `endpoint` label of its metrics (default: the endpoint kind)' })),
  connections: Type.Optional(PositiveInteger({ maximum: 1000, description: 'Concurrent HTTP connections (default 1)' })),
  rate: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Requests per second over all connections (default: as fast as answers come)' })),
  timeout: Type.Optional(Duration({ description: 'A request unanswered this long counts as a timeout (default: options.timeout)' })),
};

/** `amount` and `duration` bound the phase; with both, whichever comes first ends it. */
const bounded = {
  amount: Type.Optional(PositiveInteger({ maximum: 10_000_000, description: 'Requests to send, over all connections' })),
  duration: Type.Optional(Duration({ description: 'Length of the phase (at most 10m when only amount is given)' })),
};

const pipelining = Type.Optional(PositiveInteger({ maximum: 100, description: 'Requests in flight per connection (HTTP/1.1 pipelining; default 1)' }));

const HostMeta = Strict({
  endpoint: Type.Literal('host-meta'),
  ...common,
  ...bounded,
  pipelining,
  url: Type.Optional(Type.String({ pattern: '^https://', description: 'The host-meta URL (default: target.host_meta, the lab\'s, or https://<domain>/.well-known/host-meta)' })),
});

const BoshSession = Strict({
  endpoint: Type.Literal('bosh-session'),
  ...common,
  ...bounded,
  url: Type.Optional(Type.String({ pattern: '^https://', description: 'The BOSH endpoint (default: target.url, the lab\'s, or found through XEP-0156 host-meta)' })),
});

const RequestTemplate = Strict(
  {
    method: Type.Optional(Choice(HTTP_METHODS, { default: 'GET', description: 'HTTP method' })),
    url: Type.String({ pattern: '^(https://|/)', description: 'An absolute URL on the target, or a path on its HTTP origin (the origin of its host-meta URL)' }),
    headers: Type.Optional(Type.Record(Type.String({ pattern: '^[!#$%&\'*+.^_`|~0-9A-Za-z-]+$' }), Type.String({ pattern: '^[^\\r\\n]*$' }), { additionalProperties: false, description: 'Request headers (names as in RFC 9110, values on one line)' })),
    body: Type.Optional(Type.String({ description: 'Request body (UTF-8)' })),
  },
  { title: 'a request', description: 'The request every connection repeats' },
);

const Url = Strict({
  endpoint: Type.Literal('url'),
  ...common,
  ...bounded,
  pipelining,
  request: RequestTemplate,
});

const Upload = Strict({
  endpoint: Type.Literal('upload'),
  ...common,
  files: PositiveInteger({ maximum: MAX_UPLOAD_FILES, description: 'Files to upload (one XEP-0363 slot each), then download and verify byte for byte' }),
  size: PositiveInteger({ description: 'Bytes per file (the server\'s max-file-size must allow it)' }),
  users: Type.Optional(PositiveInteger({ maximum: 100, description: 'Accounts that log in over XMPP to request the slots, in turn (default 1; needs accounts:)' })),
  service: Type.Optional(Type.String({ minLength: 1, description: 'JID of the upload service (default: the lab\'s, or found through service discovery)' })),
});

export const HttpPhaseSchema = Decoded(Type.Union([HostMeta, BoshSession, Url, Upload], { title: 'an HTTP load phase', description: `endpoint is one of ${HTTP_ENDPOINTS.join(', ')}` }), (input) => ({
  ...input,
  label: input.name ?? input.endpoint,
  connections: input.connections ?? 1,
  timeoutMs: input.timeout,
}));

export const HttpLoadSchema = Type.Array(HttpPhaseSchema, {
  minItems: 1,
  description: 'HTTP load phases, run in order after the XMPP load (see docs/scenario.md)',
});
