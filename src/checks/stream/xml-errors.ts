/**
 * XML the server must not accept on a stream: malformed XML, the constructs RFC 6120 §11.1
 * restricts, and first-level elements it does not support. Sent on a plain stream right after
 * the header, or (for unknown elements) on a logged-in stream so that "not authorized yet" is
 * not the answer.
 */
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { acceptedConditions, errorAfterSending, judgeStreamError, openedStream, rawLogin } from './support.js';

const RFC6120 = 'RFC 6120';
const RFC3920_ERRORS = { doc: 'RFC 3920', section: '4.7.3' } as const;
/** RFC 6120 §4.9.3.1: bad-format may stand in for the specific XML-related conditions. */
const GENERIC = ['bad-format'];

const notWellFormed: CheckDefinition = {
  id: 'rfc6120.stream.not-well-formed',
  title: 'Malformed XML (mismatched tags) gets not-well-formed',
  area: 'stream',
  level: 'MUST',
  spec: [
    { doc: RFC6120, section: '4.9.3.13' },
    { doc: RFC6120, section: '11.3' },
  ],
  legacy: [RFC3920_ERRORS],
  async run(ctx) {
    const opened = await openedStream(ctx);
    if ('stop' in opened) return opened.stop;
    const error = await errorAfterSending(opened.probe, '<presence><status>unclosed</presence>');
    // RFC 3920 called the condition xml-not-well-formed.
    const expected = acceptedConditions(ctx, ['not-well-formed'], ['xml-not-well-formed']);
    return judgeStreamError(error, expected, 'mismatched tags', GENERIC);
  },
};

/** One restricted construct of RFC 6120 §11.1; some are also not well-formed where we send them. */
function restricted(kind: string, what: string, text: string, alsoNotWellFormed: boolean): CheckDefinition {
  return {
    id: `rfc6120.stream.restricted-xml-${kind}`,
    title: `${what[0]!.toUpperCase()}${what.slice(1)} on the stream closes it with a stream error (restricted-xml recommended)`,
    area: 'stream',
    level: 'MUST',
    spec: [
      { doc: RFC6120, section: '11.1' },
      { doc: RFC6120, section: '4.9.3.18' },
    ],
    legacy: [RFC3920_ERRORS],
    async run(ctx): Promise<CheckOutcome> {
      const opened = await openedStream(ctx);
      if ('stop' in opened) return opened.stop;
      const error = await errorAfterSending(opened.probe, text);
      // A DTD after the root, or an undeclared entity, also breaks XML well-formedness itself.
      const expected = alsoNotWellFormed ? acceptedConditions(ctx, ['restricted-xml', 'not-well-formed'], ['xml-not-well-formed']) : ['restricted-xml'];
      return judgeStreamError(error, expected, `${what} (${text})`, GENERIC);
    },
  };
}

const unknownTopLevel: CheckDefinition = {
  id: 'rfc6120.stream.unsupported-stanza-type',
  title: 'Records how an unknown first-level element on an authenticated stream is treated (unsupported-stanza-type names the case)',
  area: 'stream',
  // §4.9.3.24 only defines the condition; no keyword sentence requires the stream error.
  level: 'INFO',
  spec: [
    { doc: RFC6120, section: '4.9.3.24' },
    { doc: RFC6120, section: '4.9.3.11' },
  ],
  legacy: [RFC3920_ERRORS],
  needs: { accounts: 1 },
  async run(ctx) {
    const { probe } = await rawLogin(ctx, await ctx.account());
    const error = await errorAfterSending(probe, "<gadget xmlns='urn:example:no-such-thing'/>");
    return judgeStreamError(error, ['unsupported-stanza-type', 'invalid-xml'], 'an unknown first-level <gadget/>', GENERIC);
  },
};

const errorIsFatal: CheckDefinition = {
  id: 'rfc6120.stream.error-closes-stream',
  title: 'A stream error is followed by the closing stream tag and the end of the TCP connection',
  area: 'stream',
  level: 'MUST',
  spec: [
    { doc: RFC6120, section: '4.9.1.1' },
    { doc: RFC6120, section: '4.4' },
  ],
  legacy: [{ doc: 'RFC 3920', section: '4.7' }],
  async run(ctx): Promise<CheckOutcome> {
    const opened = await openedStream(ctx);
    if ('stop' in opened) return opened.stop;
    const { probe } = opened;
    const error = await errorAfterSending(probe, '<message><body>broken</message>');
    if (!error) return { outcome: 'skip', reason: 'malformed XML caused no stream error, so there is no error to follow (see rfc6120.stream.not-well-formed)' };
    // Waits for both; a server that waits for our closing tag first gets it below.
    if (!probe.state.streamEnded) await probe.closedByServer(5000);
    if (!probe.state.streamEnded) {
      return {
        outcome: 'violation',
        reason: `after <${error.condition}/> the server ${probe.state.socketClosed ? 'dropped the connection without' : 'did not send'} </stream:stream> within 5 s`,
      };
    }
    // The closing party may wait for our closing tag before ending TCP (§4.4): give it.
    if (!probe.state.socketClosed) probe.send('</stream:stream>');
    if (await probe.closedByServer(5000)) return { outcome: 'pass', reason: `<${error.condition}/>, then </stream:stream>, then the TCP connection closed` };
    return { outcome: 'violation', reason: `after <${error.condition}/> and both closing tags the server kept the TCP connection open for 5 s` };
  },
};

export const xmlErrorChecks: readonly CheckDefinition[] = [
  notWellFormed,
  restricted('comment', 'a comment', '<!-- a comment -->', false),
  restricted('processing-instruction', 'a processing instruction', "<?gauntlet probe='1'?>", false),
  restricted('dtd', 'a DTD', '<!DOCTYPE stream [<!ELEMENT stream ANY>]>', true),
  restricted('entity', 'an undeclared entity reference', '<message><body>&gauntlet;</body></message>', true),
  unknownTopLevel,
  errorIsFatal,
];
