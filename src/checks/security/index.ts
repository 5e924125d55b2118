/**
 * The security profile: what a deployment must not ACCEPT, whatever the RFC level of offering
 * it — a password in cleartext, an unencrypted or anonymous TLS suite, TLS below 1.2, a session
 * granted as another user. Level SECURITY, area `security`: reported apart from the RFC
 * verdicts; on by default, off with `--skip-checks gauntlet.security`.
 */
import { tryForeignAuthzid } from '../sasl/authzid.js';
import { answer, base64, describe, isSasl } from '../sasl/stream-steps.js';
import { unauthenticatedOrCleartextSuites } from '../tls/ciphers.js';
import { legacyVersionsAccepted } from '../tls/versions.js';
import type { CheckDefinition } from '../types.js';

const cleartextPassword: CheckDefinition = {
  id: 'gauntlet.security.cleartext-password-refused',
  title: 'A real password sent with PLAIN before TLS does not log in',
  area: 'security',
  level: 'SECURITY',
  spec: [{ doc: 'RFC 6120', section: '5.3.1' }, { doc: 'RFC 4616', section: '1' }],
  tags: ['security', 'cleartext'],
  needs: { accounts: 1 },
  async run(ctx) {
    // The user's own account must never go over the wire in cleartext; only throwaway ones do.
    if (ctx.accountSource !== 'lab' && ctx.accountSource !== 'register') {
      return { outcome: 'skip', reason: 'needs a throwaway account (lab or --register): a supplied password is never sent in cleartext' };
    }
    const account = await ctx.account();
    const probe = await ctx.raw({ label: 'cleartext' });
    const opened = await probe.open({ to: account.domain });
    if (!opened.features) return { outcome: 'pass', reason: `the cleartext stream got no features (${opened.error?.condition ?? 'nothing'}), so no login is possible on it` };
    ctx.note(`PLAIN before TLS with the real password of the throwaway account ${account.jid}`);
    probe.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${base64(`\0${account.username}\0${account.password}`)}</auth>`);
    const reply = await answer(probe);
    if (isSasl(reply, 'success')) return { outcome: 'violation', reason: `a password sent in cleartext was accepted: PLAIN before TLS logged in ${account.jid}` };
    return { outcome: 'pass', reason: `the correct password sent with PLAIN before TLS got ${describe(reply)}` };
  },
};

const legacyTls: CheckDefinition = {
  id: 'gauntlet.security.tls-legacy-versions-refused',
  title: 'No c2s port completes a TLS 1.0 or 1.1 handshake',
  area: 'security',
  level: 'SECURITY',
  spec: [{ doc: 'RFC 8996', section: '5' }, { doc: 'RFC 9325', section: '3.1.1' }],
  tags: ['security', 'tls', 'versions'],
  async run(ctx) {
    const { accepted, refused } = await legacyVersionsAccepted(ctx.target);
    if (accepted.length > 0) return { outcome: 'violation', reason: `accepted: ${accepted.join('; ')}` };
    return { outcome: 'pass', reason: `refused: ${refused.join('; ')}` };
  },
};

const weakSuites: CheckDefinition = {
  id: 'gauntlet.security.null-anonymous-suites-refused',
  title: 'No c2s port completes a handshake with a NULL-encryption or anonymous suite',
  area: 'security',
  level: 'SECURITY',
  spec: [{ doc: 'RFC 9325', section: '4.1' }],
  tags: ['security', 'tls', 'ciphers'],
  async run(ctx) {
    const problems = await unauthenticatedOrCleartextSuites(ctx.target);
    if (problems.length > 0) return { outcome: 'violation', reason: problems.join('; ') };
    return { outcome: 'pass', reason: 'NULL-encryption and anonymous TLS 1.2 suites refused on every port' };
  },
};

const impersonation: CheckDefinition = {
  id: 'gauntlet.security.authzid-impersonation',
  title: "One user's password never yields a session bound as another user (PLAIN authzid)",
  area: 'security',
  level: 'SECURITY',
  spec: [{ doc: 'RFC 4616', section: '2' }, { doc: 'RFC 6120', section: '6.3.8' }],
  tags: ['security', 'sasl', 'authzid'],
  needs: { accounts: 2 },
  async run(ctx) {
    const attempt = await tryForeignAuthzid(ctx);
    if (attempt.kind === 'no-plain') return { outcome: 'skip', reason: 'PLAIN (which carries an authzid) is not offered after TLS' };
    if (attempt.kind === 'refused') return { outcome: 'pass', reason: `a foreign authzid was refused (${attempt.answer})` };
    if (attempt.asOther) return { outcome: 'violation', reason: `with another user's password the session was bound as ${attempt.bound}: any user can act as ${attempt.other}` };
    return { outcome: 'pass', reason: `the authzid was ignored: the session was bound as the authenticating user (${attempt.bound})` };
  },
};

export const checks: readonly CheckDefinition[] = [cleartextPassword, legacyTls, weakSuites, impersonation];
