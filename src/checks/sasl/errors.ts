/** C9–C11: the defined SASL error conditions for requests that are wrong in shape, and abort. */
import type { CheckContext, CheckDefinition, CheckOutcome } from '../types.js';
import { answer, base64, describe, isSasl, mechanismsOf, openSecured, saslFailure } from './stream-steps.js';

const AUTH = `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'`;

/** Sends `auth` on a fresh TLS stream and judges the single answer against `expected`. */
async function expectFailure(ctx: CheckContext, auth: (mechanisms: string[]) => string | undefined, expected: string, legacyAccepts?: string[]): Promise<CheckOutcome> {
  const { probe, features } = await openSecured(ctx);
  const text = auth(mechanismsOf(features));
  if (!text) return { outcome: 'skip', reason: 'no mechanism this probe needs is offered' };
  probe.send(text);
  const reply = await answer(probe);
  const condition = saslFailure(reply);
  if (condition === expected) return { outcome: 'pass', reason: `answered <failure><${expected}/></failure>` };
  if (condition && ctx.profile === 'rfc3920' && legacyAccepts?.includes(condition)) {
    return { outcome: 'pass', reason: `RFC 3920 profile: <${condition}/> accepted (RFC 3920 defines no <${expected}/>)` };
  }
  // The exchange failed as it must; only which defined condition was named differs (the check's secondary rule).
  if (condition) return { outcome: 'violation', reason: `answered <failure><${condition}/></failure> instead of <failure><${expected}/></failure>`, of: 'secondary' };
  return { outcome: 'violation', reason: `answered ${describe(reply)} instead of <failure><${expected}/></failure>` };
}

/** The mechanism a malformed payload is sent under: one the server offers. */
function someMechanism(mechanisms: string[]): string | undefined {
  return mechanisms.find((name) => name === 'SCRAM-SHA-1' || name === 'PLAIN');
}

const invalidMechanism: CheckDefinition = {
  id: 'rfc6120.sasl.invalid-mechanism',
  title: 'An unknown mechanism gets <invalid-mechanism/>',
  area: 'sasl',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '6.5.7' }, { doc: 'RFC 6120', section: '6.4.2' }],
  legacy: [{ doc: 'RFC 3920', section: '6' }],
  tags: ['sasl', 'errors'],
  run: (ctx) => expectFailure(ctx, () => `${AUTH} mechanism='X-GAUNTLET-UNKNOWN'>${base64('x')}</auth>`, 'invalid-mechanism'),
};

const incorrectEncoding: CheckDefinition = {
  id: 'rfc6120.sasl.incorrect-encoding',
  title: 'Initial response data that is not base64 gets <incorrect-encoding/>',
  area: 'sasl',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '6.5.5' }, { doc: 'RFC 6120', section: '6.3.5' }],
  legacy: [{ doc: 'RFC 3920', section: '6' }],
  tags: ['sasl', 'errors'],
  run: (ctx) => expectFailure(ctx, (mechanisms) => {
    const mechanism = someMechanism(mechanisms);
    return mechanism && `${AUTH} mechanism='${mechanism}'>!!not*base64!!</auth>`;
  }, 'incorrect-encoding'),
};

const malformedRequest: CheckDefinition = {
  id: 'rfc6120.sasl.malformed-request',
  title: 'Well-encoded data that breaks the mechanism syntax gets <malformed-request/>',
  area: 'sasl',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '6.5.8' }],
  legacy: [{ doc: 'RFC 3920', section: '6' }],
  tags: ['sasl', 'errors'],
  // RFC 3920 had no malformed-request; its servers answered with one of these.
  run: (ctx) => expectFailure(ctx, (mechanisms) => {
    if (!mechanisms.includes('SCRAM-SHA-1')) return undefined;
    return `${AUTH} mechanism='SCRAM-SHA-1'>${base64('this is not a SCRAM client-first message')}</auth>`;
  }, 'malformed-request', ['incorrect-encoding', 'not-authorized']),
};

const abort: CheckDefinition = {
  id: 'rfc6120.sasl.abort',
  title: '<abort/> in the middle of an exchange gets <failure><aborted/></failure>',
  area: 'sasl',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '6.4.4' }, { doc: 'RFC 6120', section: '6.5.1' }],
  legacy: [{ doc: 'RFC 3920', section: '6' }],
  tags: ['sasl', 'errors'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const { probe, features } = await openSecured(ctx);
    if (!mechanismsOf(features).includes('SCRAM-SHA-1')) return { outcome: 'skip', reason: 'SCRAM-SHA-1 (a multi-step mechanism to abort) is not offered' };
    probe.send(`${AUTH} mechanism='SCRAM-SHA-1'>${base64(`n,,n=${account.username},r=gauntletabortnonce`)}</auth>`);
    const challenge = await answer(probe);
    if (!isSasl(challenge, 'challenge')) return { outcome: 'violation', reason: `a valid SCRAM client-first got ${describe(challenge)} instead of a challenge` };
    probe.send(`<abort xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>`);
    const reply = await answer(probe);
    if (saslFailure(reply) === 'aborted') return { outcome: 'pass', reason: '<abort/> after the first challenge is answered with <failure><aborted/></failure>' };
    return { outcome: 'violation', reason: `<abort/> got ${describe(reply)} instead of <failure><aborted/></failure>` };
  },
};

export const errorChecks: readonly CheckDefinition[] = [invalidMechanism, incorrectEncoding, malformedRequest, abort];
