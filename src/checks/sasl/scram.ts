/** C4–C6: SCRAM done right — server proof, channel binding, downgrade detection. */
import { channelBindingData } from '../../xmpp/index.js';
import type { CheckDefinition } from '../types.js';
import { advertisedBindings, openBindable, PLUS } from './channel.js';
import { describeScram, scramExchange } from './scram-exchange.js';
import { mechanismsOf, openSecured } from './stream-steps.js';

const serverSignature: CheckDefinition = {
  id: 'rfc5802.sasl.scram-server-signature',
  title: 'SCRAM: the server nonce extends ours and the server signature (v=) is correct',
  area: 'sasl',
  level: 'MUST',
  spec: [{ doc: 'RFC 5802', section: '5' }, { doc: 'RFC 5802', section: '5.1' }],
  tags: ['sasl', 'scram'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const { probe, features } = await openSecured(ctx);
    if (!mechanismsOf(features).includes('SCRAM-SHA-1')) return { outcome: 'skip', reason: 'SCRAM-SHA-1 is not offered' };
    const result = await scramExchange(probe, { mechanism: 'SCRAM-SHA-1', username: account.username, password: account.password });
    switch (result.kind) {
      case 'success':
        return { outcome: 'pass', reason: 'the server nonce extends ours and the server signature verifies' };
      case 'bad-server':
        return { outcome: 'violation', reason: describeScram(result) };
      default:
        return { outcome: 'violation', reason: `valid credentials did not authenticate: ${describeScram(result)}` };
    }
  },
};

const plusBinding: CheckDefinition = {
  id: 'rfc5802.sasl.scram-plus-binding',
  title: 'SCRAM-SHA-1-PLUS succeeds with the true channel binding and fails with a tampered one',
  area: 'sasl',
  level: 'MUST',
  spec: [{ doc: 'RFC 5802', section: '6' }, { doc: 'RFC 5929', section: '3' }, { doc: 'XEP-0440', section: '3' }],
  tags: ['sasl', 'scram', 'channel-binding'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const honest = await openBindable(ctx, 'plus');
    if (typeof honest === 'string') return { outcome: 'skip', reason: honest };
    const where = `${honest.type} on ${honest.protocol}${honest.advertised.length ? ` (XEP-0440 list: ${honest.advertised.join(', ')})` : ''}`;
    const good = await scramExchange(honest.probe, { mechanism: PLUS, username: account.username, password: account.password, binding: honest });
    if (good.kind !== 'success') return { outcome: 'violation', reason: `${PLUS} with the true ${where} binding: ${describeScram(good)}` };

    ctx.note('same account, a new connection, the binding data inverted bit by bit');
    const forged = await openBindable(ctx, 'tampered');
    if (typeof forged === 'string') throw new Error(`the second connection lost ${PLUS}: ${forged}`);
    const bad = await scramExchange(forged.probe, { mechanism: PLUS, username: account.username, password: account.password, binding: forged, tamperBinding: true });
    if (bad.kind === 'success') return { outcome: 'violation', reason: `${PLUS} succeeded although the ${forged.type} binding data was tampered with` };
    if (bad.kind === 'failure' && bad.condition !== 'not-authorized') {
      return { outcome: 'pass', reason: `true ${where} binding succeeds; tampered binding refused with <${bad.condition}/> (not-authorized is the usual condition)` };
    }
    return { outcome: 'pass', reason: `true ${where} binding succeeds; tampered binding refused (${describeScram(bad)})` };
  },
};

const plusOnTls13: CheckDefinition = {
  id: 'rfc9266.sasl.plus-on-tls13',
  title: 'On TLS 1.3, -PLUS is offered only with a binding that exists there (tls-exporter), and it works',
  area: 'sasl',
  level: 'INFO', // no keyword sentence found for what to offer on TLS 1.3 (issue 10): recorded, not judged
  spec: [{ doc: 'RFC 9266', section: '3' }, { doc: 'XEP-0440', section: '2' }],
  tags: ['sasl', 'scram', 'channel-binding', 'tls13'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const secured = await openSecured(ctx);
    const protocol = secured.socket?.getProtocol();
    if (protocol !== 'TLSv1.3' || !secured.socket) return { outcome: 'skip', reason: `the server negotiated ${protocol ?? 'no TLS'}, not TLS 1.3` };
    if (!mechanismsOf(secured.features).includes(PLUS)) return { outcome: 'pass', reason: `${PLUS} is not offered on TLS 1.3, so no unusable binding is claimed` };
    const advertised = advertisedBindings(secured);
    const type = advertised.length === 0 || advertised.includes('tls-exporter') ? 'tls-exporter' : advertised.includes('tls-server-end-point') ? 'tls-server-end-point' : undefined;
    if (!type) return { outcome: 'violation', reason: `${PLUS} offered on TLS 1.3 with only TLS-1.2 bindings listed (${advertised.join(', ')})` };
    const result = await scramExchange(secured.probe, {
      mechanism: PLUS, username: account.username, password: account.password,
      binding: { type, data: channelBindingData(secured.socket, type) },
    });
    const listed = advertised.length ? `listed: ${advertised.join(', ')}` : 'no XEP-0440 list';
    if (result.kind === 'success') return { outcome: 'pass', reason: `${PLUS} with ${type} works on TLS 1.3 (${listed})` };
    return { outcome: 'violation', reason: `${PLUS} is offered on TLS 1.3 (${listed}) but ${type} binding, the one defined for TLS 1.3, fails: ${describeScram(result)}` };
  },
};

const downgradeDetected: CheckDefinition = {
  id: 'rfc5802.sasl.gs2-downgrade-detected',
  title: "A gs2 'y' flag while the server offers -PLUS fails authentication (downgrade detected)",
  area: 'sasl',
  level: 'MUST',
  spec: [{ doc: 'RFC 5802', section: '6' }],
  tags: ['sasl', 'scram', 'channel-binding'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const stream = await openBindable(ctx, 'downgrade');
    if (typeof stream === 'string') return { outcome: 'skip', reason: stream };
    ctx.note(`${PLUS} is offered on ${stream.protocol}; authenticating with SCRAM-SHA-1 and gs2 flag 'y'`);
    const result = await scramExchange(stream.probe, { mechanism: 'SCRAM-SHA-1', username: account.username, password: account.password, couldBind: true });
    if (result.kind === 'success') {
      return { outcome: 'violation', reason: `SCRAM-SHA-1 with gs2 flag 'y' succeeded although the server offers ${PLUS} on ${stream.protocol}: a stripped -PLUS offer would go unnoticed` };
    }
    return { outcome: 'pass', reason: `gs2 flag 'y' refused while ${PLUS} is offered on ${stream.protocol} (${describeScram(result)})` };
  },
};

export const scramChecks: readonly CheckDefinition[] = [serverSignature, plusBinding, plusOnTls13, downgradeDetected];
