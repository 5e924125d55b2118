/** C1–C3: which SASL mechanisms the server offers where, each exercised rather than only read. */
import { randomBytes } from 'node:crypto';
import type { CheckDefinition } from '../types.js';
import { scramExchange, describeScram } from './scram-exchange.js';
import { answer, base64, describe, isSasl, mechanismsOf, offersStartTls, openSecured, saslFailure } from './stream-steps.js';

const mechanismsOffered: CheckDefinition = {
  id: 'rfc6120.sasl.mechanisms-offered',
  title: 'After TLS the stream features offer at least one SASL mechanism, and one of them works',
  area: 'sasl',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '6.4.1' }],
  legacy: [{ doc: 'RFC 3920', section: '6' }],
  tags: ['sasl', 'features'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const { probe, features } = await openSecured(ctx);
    const offered = mechanismsOf(features);
    if (offered.length === 0) return { outcome: 'violation', reason: 'the features after STARTTLS list no SASL mechanism' };
    if (!offered.includes('SCRAM-SHA-1')) return { outcome: 'pass', reason: `offers ${offered.join(', ')} (SCRAM-SHA-1, the only one exercised here, is absent)` };
    const result = await scramExchange(probe, { mechanism: 'SCRAM-SHA-1', username: account.username, password: account.password });
    if (result.kind !== 'success') return { outcome: 'violation', reason: `offers ${offered.join(', ')}, but SCRAM-SHA-1 with valid credentials ended in ${describeScram(result)}` };
    return { outcome: 'pass', reason: `offers ${offered.join(', ')}; SCRAM-SHA-1 authenticates` };
  },
};

const plainNotBeforeTls: CheckDefinition = {
  id: 'rfc4616.sasl.no-plain-before-tls',
  title: 'PLAIN is neither offered nor run on a stream without TLS',
  area: 'sasl',
  level: 'SHOULD',
  spec: [
    { doc: 'RFC 4616', section: '5' },
    { doc: 'RFC 6120', section: '6.5.4' },
  ],
  legacy: [{ doc: 'RFC 3920', section: '6' }],
  tags: ['sasl', 'plain', 'cleartext'],
  async run(ctx) {
    const probe = await ctx.raw();
    const opened = await probe.open();
    if (!opened.features) return { outcome: 'skip', reason: `no stream features on the cleartext stream (${opened.error?.condition ?? 'none'})` };
    const offered = mechanismsOf(opened.features);
    if (offered.includes('PLAIN')) return { outcome: 'violation', reason: `PLAIN is offered before TLS (cleartext mechanisms: ${offered.join(', ')})` };
    // Exercise: PLAIN for a user that does not exist, with a random password — nothing secret is sent.
    const nobody = `gauntlet-nobody-${randomBytes(6).toString('hex')}`;
    ctx.note('PLAIN before TLS, for a nonexistent user with a random throwaway password');
    probe.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${base64(`\0${nobody}\0${randomBytes(9).toString('hex')}`)}</auth>`);
    const reply = await answer(probe);
    const condition = saslFailure(reply);
    if (isSasl(reply, 'success')) return { outcome: 'violation', reason: 'PLAIN in cleartext succeeded for a nonexistent user' };
    if (condition === 'not-authorized' || condition === 'temporary-auth-failure') {
      return { outcome: 'violation', reason: `PLAIN is not offered before TLS, yet the server ran it in cleartext and answered <${condition}/> instead of refusing it` };
    }
    const tlsNote = offersStartTls(opened.features) ? '' : ' (the server offers no STARTTLS either)';
    return { outcome: 'pass', reason: `PLAIN not offered before TLS (cleartext mechanisms: ${offered.join(', ') || 'none'}); a cleartext PLAIN attempt got ${describe(reply)}${tlsNote}` };
  },
};

const scramSha1: CheckDefinition = {
  id: 'rfc6120.sasl.scram-sha-1',
  title: 'SCRAM-SHA-1 (mandatory to implement) is offered after TLS and authenticates',
  area: 'sasl',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '13.8.3' }, { doc: 'RFC 5802', section: '5' }],
  legacy: [{ doc: 'RFC 3920', section: '6' }],
  tags: ['sasl', 'scram', 'mti'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const { probe, features } = await openSecured(ctx);
    const offered = mechanismsOf(features);
    if (!offered.includes('SCRAM-SHA-1')) {
      if (ctx.profile === 'rfc3920' && offered.includes('DIGEST-MD5')) {
        return { outcome: 'pass', reason: `RFC 3920 profile: DIGEST-MD5 (its mandatory mechanism) is offered; no SCRAM-SHA-1 (${offered.join(', ')})` };
      }
      return { outcome: 'violation', reason: `SCRAM-SHA-1 is not offered after TLS (offered: ${offered.join(', ') || 'nothing'})` };
    }
    const result = await scramExchange(probe, { mechanism: 'SCRAM-SHA-1', username: account.username, password: account.password });
    if (result.kind !== 'success') return { outcome: 'violation', reason: `SCRAM-SHA-1 with valid credentials: ${describeScram(result)}` };
    const others = offered.filter((name) => name !== 'SCRAM-SHA-1');
    return { outcome: 'pass', reason: `SCRAM-SHA-1 authenticates; also offered: ${others.join(', ') || 'nothing else'}` };
  },
};

const scramPlusOffered: CheckDefinition = {
  id: 'rfc6120.sasl.scram-sha-1-plus-offered',
  title: 'SCRAM-SHA-1-PLUS (mandatory to implement) is offered on a TLS stream',
  area: 'sasl',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '13.8.3' }, { doc: 'RFC 5802', section: '6' }],
  tags: ['sasl', 'scram', 'channel-binding', 'mti'],
  async run(ctx) {
    const first = await openSecured(ctx, { label: 'default-tls' });
    const protocol = first.socket?.getProtocol() ?? 'unknown';
    if (mechanismsOf(first.features).includes('SCRAM-SHA-1-PLUS')) {
      return { outcome: 'pass', reason: `SCRAM-SHA-1-PLUS offered on ${protocol}` };
    }
    if (protocol !== 'TLSv1.3') return { outcome: 'violation', reason: `SCRAM-SHA-1-PLUS not offered on ${protocol}` };
    // tls-unique does not exist on TLS 1.3 (RFC 9266): servers without tls-exporter offer -PLUS on 1.2 only.
    const legacy = await openSecured(ctx, { maxVersion: 'TLSv1.2', label: 'tls1.2' });
    if (mechanismsOf(legacy.features).includes('SCRAM-SHA-1-PLUS')) {
      return { outcome: 'pass', reason: 'SCRAM-SHA-1-PLUS offered on TLS 1.2 only (not on TLS 1.3, where tls-unique is undefined)' };
    }
    return { outcome: 'violation', reason: 'SCRAM-SHA-1-PLUS offered neither on TLS 1.3 nor on TLS 1.2' };
  },
};

export const mechanismChecks: readonly CheckDefinition[] = [mechanismsOffered, plainNotBeforeTls, scramSha1, scramPlusOffered];
