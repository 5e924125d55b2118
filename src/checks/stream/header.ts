/** The server's stream header, its features, version handling and the closing handshake (RFC 6120 §4). */
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { describeOpened, openWith } from './support.js';

const RFC6120 = 'RFC 6120';
const RFC3920 = 'RFC 3920';

const headerIdentity: CheckDefinition = {
  id: 'rfc6120.stream.header-from-id',
  title: "The response header names the requested domain in 'from' and carries a fresh, unique 'id'",
  area: 'stream',
  level: 'MUST',
  spec: [
    { doc: RFC6120, section: '4.7.1' },
    { doc: RFC6120, section: '4.7.3' },
  ],
  legacy: [{ doc: RFC3920, section: '4.4' }],
  async run(ctx) {
    const domains = [ctx.target.domain, ...(ctx.target.otherDomain ? [ctx.target.otherDomain] : [])];
    const ids: string[] = [];
    const problems: string[] = [];
    for (const domain of [ctx.target.domain, ...domains]) {
      const { probe, opened } = await openWith(ctx, { to: domain });
      if (!opened.header) return { outcome: 'violation', reason: `a header to ${domain} got ${describeOpened(opened)}` };
      const headers = [opened.header];
      // The restart after STARTTLS is a new stream: it needs its own id too (RFC 6120 §4.3.3).
      if (opened.features?.getChild('starttls', 'urn:ietf:params:xml:ns:xmpp-tls')) {
        const restarted = await probe.startTls();
        if (restarted.header) headers.push(restarted.header);
      }
      for (const header of headers) {
        if (header.from !== domain) problems.push(`a header to ${domain} came back from '${header.from ?? '(none)'}'`);
        if (!header.id) problems.push(`a header to ${domain} has no id`);
        else ids.push(header.id);
      }
      probe.close();
    }
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    if (repeated.length > 0) problems.push(`stream id ${repeated[0]} was used twice`);
    if (problems.length > 0) return { outcome: 'violation', reason: problems.join('; ') };
    return { outcome: 'pass', reason: `${ids.length} stream headers (${domains.join(', ')}, before and after STARTTLS): 'from' right, ids all different` };
  },
};

const featuresFollow: CheckDefinition = {
  id: 'rfc6120.stream.features',
  title: 'A version 1.0 stream header is answered with stream features',
  area: 'stream',
  level: 'MUST',
  spec: [{ doc: RFC6120, section: '4.3.2' }],
  async run(ctx) {
    const { probe, opened } = await openWith(ctx, {});
    if (!opened.features) return { outcome: 'violation', reason: `a version='1.0' header got ${describeOpened(opened)}` };
    if (opened.header?.version !== '1.0') {
      return { outcome: 'violation', reason: `the response header says version='${opened.header?.version ?? '(none)'}', not 1.0` };
    }
    let after = '';
    if (opened.features.getChild('starttls', 'urn:ietf:params:xml:ns:xmpp-tls')) {
      const restarted = await probe.startTls();
      if (!restarted.features) return { outcome: 'violation', reason: `the restart after STARTTLS got ${describeOpened(restarted)}` };
      after = ', and again after the STARTTLS restart';
    }
    return { outcome: 'pass', reason: `<stream:features/> followed the response header${after}` };
  },
};

const oldVersion: CheckDefinition = {
  id: 'rfc6120.stream.version-pre-1.0',
  title: "A pre-1.0 header is answered with the lower version (never 1.0), or refused with unsupported-version",
  area: 'stream',
  // §4.7.5: the response version MUST be the lower of the two (issue 10: was SHOULD).
  level: 'MUST',
  spec: [
    { doc: RFC6120, section: '4.7.5' },
    { doc: RFC6120, section: '4.9.3.25' },
  ],
  legacy: [{ doc: RFC3920, section: '4.4.1' }],
  async run(ctx): Promise<CheckOutcome> {
    const { opened } = await openWith(ctx, { version: '0.9' });
    if (opened.error?.condition === 'unsupported-version') {
      return { outcome: 'pass', reason: "version='0.9' was refused with <unsupported-version/>" };
    }
    if (!opened.header) return { outcome: 'violation', reason: `version='0.9' got ${describeOpened(opened)}` };
    const answered = opened.header.version;
    if (answered !== undefined && Number(answered) > 0.9) {
      return { outcome: 'violation', reason: `version='0.9' was answered with version='${answered}', higher than the client's` };
    }
    // Refused, with the right version in the header: only the condition differs (defined, no keyword).
    if (opened.error) return { outcome: 'violation', reason: `version='0.9' got stream error <${opened.error.condition}/>, not <unsupported-version/>`, of: 'secondary' };
    return { outcome: 'pass', reason: `version='0.9' was served as a pre-1.0 stream (response version '${answered ?? 'absent'}')` };
  },
};

const closeHandshake: CheckDefinition = {
  id: 'rfc6120.stream.close-handshake',
  title: 'Our closing </stream:stream> is answered with the server closing its stream and the connection',
  area: 'stream',
  // §4.4 binds the closing party to wait for the reciprocal tag; answering it is implied, not a
  // keyword: recorded (issue 10: was SHOULD).
  level: 'INFO',
  spec: [{ doc: RFC6120, section: '4.4' }],
  async run(ctx) {
    const { probe, opened } = await openWith(ctx, {});
    if (!opened.header) return { outcome: 'skip', reason: `a normal header got ${describeOpened(opened)}` };
    probe.send('</stream:stream>');
    if (await probe.closedByServer(8000)) return { outcome: 'pass', reason: 'the server sent </stream:stream> and closed the TCP connection' };
    const { streamEnded, socketClosed } = probe.state;
    const seen = streamEnded ? 'sent its closing tag but kept the TCP connection open' : socketClosed ? 'dropped the TCP connection without a closing tag' : 'did neither';
    return { outcome: 'violation', reason: `within 8 s of our closing tag the server ${seen}` };
  },
};

export const headerChecks: readonly CheckDefinition[] = [headerIdentity, featuresFollow, oldVersion, closeHandshake];
