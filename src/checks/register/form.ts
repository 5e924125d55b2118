/** Asking for the registration form: only over TLS, and answered as XEP-0077 §3.1 says. */
import type { CheckDefinition } from '../types.js';
import { describe, registerQuery, securedStream } from './ibr.js';

const beforeTls: CheckDefinition = {
  id: 'xep0077.register.before-tls',
  title: 'In-band registration is not usable before TLS',
  area: 'register',
  level: 'SHOULD',
  spec: [
    { doc: 'XEP-0077', section: '11' },
    { doc: 'XEP-0077', section: '8' },
  ],
  tags: ['register', 'tls'],
  async run(ctx) {
    const probe = await ctx.raw({ label: 'cleartext' });
    const opened = await probe.open();
    if (opened.error) return { outcome: 'pass', reason: `the cleartext stream was refused with <${opened.error.condition}/>` };
    const advertised = opened.features?.getChild('register', 'http://jabber.org/features/iq-register') !== undefined;
    const answer = await registerQuery(probe, ctx.target.domain, 'get', []);
    if (answer.kind === 'result') {
      return { outcome: 'violation', reason: `the registration form was served on an unencrypted stream${advertised ? ' (and the feature advertised there)' : ''}` };
    }
    const note = advertised ? ' (although the feature was advertised before TLS)' : '';
    return { outcome: 'pass', reason: `a registration request before TLS got ${describe(answer)}${note}` };
  },
};

const fields: CheckDefinition = {
  id: 'xep0077.register.fields',
  title: 'A registration form request gets the required fields, or service-unavailable when IBR is off',
  area: 'register',
  level: 'MUST',
  spec: [{ doc: 'XEP-0077', section: '3.1' }],
  tags: ['register'],
  async run(ctx) {
    const { probe, offered } = await securedStream(ctx);
    const answer = await registerQuery(probe, ctx.target.domain, 'get', []);
    const feature = offered ? 'the register feature is advertised' : 'the register feature is not advertised';
    if (answer.kind === 'result') {
      const query = answer.stanza.getChild('query', 'jabber:iq:register');
      const form = query?.getChild('x', 'jabber:x:data');
      const named = ['username', 'password'].filter((name) => query?.getChild(name) !== undefined);
      if (!form && named.length < 2) return { outcome: 'violation', reason: `the form lacks ${named.length === 0 ? 'username and password' : 'a field'} (${feature})` };
      return { outcome: 'pass', reason: `the form lists ${form ? 'a data form' : 'username and password'} (${feature})` };
    }
    if (answer.kind === 'error' && answer.condition === 'service-unavailable') {
      return { outcome: 'pass', reason: `IBR disabled: answered <service-unavailable/> (${feature})` };
    }
    return { outcome: 'violation', reason: `expected the fields or <service-unavailable/>, got ${describe(answer)} (${feature})` };
  },
};

export const formChecks: readonly CheckDefinition[] = [beforeTls, fields];
