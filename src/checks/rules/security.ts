/** The security profile's rules: no RFC keyword (level SECURITY); what a public deployment must not accept. */
import { rule, type RuleTable } from './rule.js';

const PROFILE = 'security profile';

export const securityRules: RuleTable = {
  'gauntlet.security.cleartext-password-refused': rule(PROFILE, 'none', 'A password that travelled without TLS must not open a session, whatever the server offers before TLS'),
  'gauntlet.security.tls-legacy-versions-refused': rule(PROFILE, 'none', 'TLS 1.0 and 1.1 handshakes must not complete, whatever the RFC level of offering them'),
  'gauntlet.security.null-anonymous-suites-refused': rule(PROFILE, 'none', 'Unencrypted (NULL) and unauthenticated (anonymous) suites must not complete a handshake'),
  'gauntlet.security.authzid-impersonation': rule(PROFILE, 'none', "Authenticating as one user must never bind a session as another user"),
};
