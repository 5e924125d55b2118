/** Stream headers the server must refuse: unknown host, no 'to', wrong namespaces (RFC 6120 §4.7–§4.9). */
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { describeOpened, judgeRefusedHeader, judgeUnknownHost, openWith, unhostedDomain } from './support.js';

const RFC6120 = 'RFC 6120';
const RFC3920_ERRORS = { doc: 'RFC 3920', section: '4.7.3' } as const;

const headerBeforeError: CheckDefinition = {
  id: 'rfc6120.stream.header-before-error',
  title: 'When the server refuses our header it still sends its own stream header before the error',
  area: 'stream',
  level: 'MUST',
  spec: [{ doc: RFC6120, section: '4.9.1.2' }],
  legacy: [{ doc: 'RFC 3920', section: '4.7' }],
  async run(ctx): Promise<CheckOutcome> {
    const unknown = unhostedDomain();
    const { opened } = await openWith(ctx, { to: unknown });
    if (!opened.error) return { outcome: 'skip', reason: `a header to ${unknown} was not refused (${describeOpened(opened)}): nothing to observe` };
    if (!opened.header) return { outcome: 'violation', reason: `the stream error <${opened.error.condition}/> came without a stream header before it` };
    return { outcome: 'pass', reason: `a stream header came before <${opened.error.condition}/>` };
  },
};

const errorHeaderFrom: CheckDefinition = {
  id: 'rfc6120.stream.error-header-from',
  title: "The header sent before refusing an unknown host is 'from' an authoritative domain or empty, not the unknown one",
  area: 'stream',
  // RFC 3920 §4.7.1 had a SHOULD; RFC 6120 §4.9.1.3 (and §4.7.1 for every response header) made it a MUST.
  level: 'MUST',
  spec: [
    { doc: RFC6120, section: '4.9.1.3' },
    { doc: RFC6120, section: '4.7.1' },
  ],
  legacy: [{ doc: 'RFC 3920', section: '4.7.1' }],
  async run(ctx): Promise<CheckOutcome> {
    const unknown = unhostedDomain();
    const { opened } = await openWith(ctx, { to: unknown });
    if (!opened.error || !opened.header) {
      return { outcome: 'skip', reason: `a header to ${unknown} got ${describeOpened(opened)}: no refusing header to look at` };
    }
    const from = opened.header.from ?? '';
    if (from === unknown) return { outcome: 'violation', reason: `the header before <${opened.error.condition}/> claims to be from the unknown domain ${unknown}` };
    return { outcome: 'pass', reason: `the header before <${opened.error.condition}/> is from '${from || '(empty)'}'` };
  },
};

const hostUnknown: CheckDefinition = {
  id: 'rfc6120.stream.host-unknown',
  title: "A header whose 'to' names a domain the server does not host is never served as that domain (host-unknown names the refusal)",
  area: 'stream',
  level: 'MUST',
  spec: [
    { doc: RFC6120, section: '4.7.1' },
    { doc: RFC6120, section: '4.9.3.6' },
  ],
  legacy: [RFC3920_ERRORS],
  async run(ctx) {
    const unknown = unhostedDomain();
    const { opened } = await openWith(ctx, { to: unknown });
    return judgeUnknownHost(opened, unknown, `a header to ${unknown}`);
  },
};

const missingTo: CheckDefinition = {
  id: 'rfc6120.stream.missing-to',
  title: "Records how a header without 'to' is treated (improper-addressing or host-unknown are the usual refusals)",
  area: 'stream',
  // §4.7.2 obliges the client to send 'to'; no sentence tells the server how to answer (issue 10: was SHOULD).
  level: 'INFO',
  spec: [
    { doc: RFC6120, section: '4.7.2' },
    { doc: RFC6120, section: '4.9.1.3' },
    { doc: RFC6120, section: '4.9.3.7' },
  ],
  legacy: [RFC3920_ERRORS],
  async run(ctx) {
    const { opened } = await openWith(ctx, { to: null });
    return judgeRefusedHeader(opened, {
      accepted: "a header without 'to' was accepted with features",
      expected: ['improper-addressing', 'host-unknown'],
      trigger: "a header without 'to'",
    });
  },
};

const streamNamespace: CheckDefinition = {
  id: 'rfc6120.stream.invalid-namespace',
  title: 'A stream namespace other than http://etherx.jabber.org/streams closes the stream with a stream error (invalid-namespace recommended)',
  area: 'stream',
  level: 'MUST',
  spec: [
    { doc: RFC6120, section: '4.8.1' },
    { doc: RFC6120, section: '4.9.3.10' },
  ],
  legacy: [RFC3920_ERRORS],
  async run(ctx) {
    const { opened } = await openWith(ctx, { streamNs: 'http://etherx.jabber.org/not-streams' });
    return judgeRefusedHeader(opened, {
      accepted: 'a stream in the wrong namespace was accepted with features',
      expected: ['invalid-namespace'],
      trigger: 'a header in the stream namespace http://etherx.jabber.org/not-streams',
      generic: ['bad-format'],
    });
  },
};

const contentNamespace: CheckDefinition = {
  id: 'rfc6120.stream.content-namespace',
  title: 'Records how a default (content) namespace the server does not support is treated (invalid-namespace names the case)',
  area: 'stream',
  // §4.9.3.10 only defines the condition; no keyword sentence requires refusing the header.
  level: 'INFO',
  spec: [
    { doc: RFC6120, section: '4.8.2' },
    { doc: RFC6120, section: '4.9.3.10' },
  ],
  legacy: [RFC3920_ERRORS],
  async run(ctx) {
    const { opened } = await openWith(ctx, { ns: 'urn:example:not-a-content-namespace' });
    return judgeRefusedHeader(opened, {
      accepted: 'a stream with an unknown content namespace was accepted with features',
      expected: ['invalid-namespace'],
      trigger: 'a header with the content namespace urn:example:not-a-content-namespace',
      generic: ['bad-format'],
    });
  },
};

const serverNamespaceOnClientPort: CheckDefinition = {
  id: 'rfc6120.stream.jabber-server-on-c2s',
  title: "Records how the client port treats a 'jabber:server' stream (servers support both content namespaces)",
  area: 'stream',
  level: 'INFO',
  spec: [
    { doc: RFC6120, section: '4.8.3' },
    { doc: RFC6120, section: '4.9.3.10' },
  ],
  async run(ctx) {
    const { opened } = await openWith(ctx, { ns: 'jabber:server' });
    const answeredNs = opened.header?.ns ? ` (response namespace '${opened.header.ns}')` : '';
    return { outcome: 'info', reason: `a 'jabber:server' header on the client port got ${describeOpened(opened)}${answeredNs}` };
  },
};

export const headerErrorChecks: readonly CheckDefinition[] = [
  headerBeforeError,
  errorHeaderFrom,
  hostUnknown,
  missingTo,
  streamNamespace,
  contentNamespace,
  serverNamespaceOnClientPort,
];
