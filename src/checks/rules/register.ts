/** The rule behind each register check: the section, its keyword and what it asks, in our words. */
import { rule, type RuleTable } from './rule.js';

export const registerRules: RuleTable = {
  'xep0077.register.before-tls': rule('XEP-0077 §11', 'SHOULD NOT', 'Registration is insecure and is not to be used over a channel that has not been secured'),
  'xep0077.register.fields': rule('XEP-0077 §3.1', 'MUST', 'A host offering in-band registration tells the entity which fields it needs; one that does not offer it answers service-unavailable'),
  'xep0077.register.missing-field': rule('XEP-0077 §3.1', 'MUST', 'A registration leaving out requested information (here the password) is refused with not-acceptable'),
  'xep0077.register.empty-password': rule('XEP-0077 §3.1', 'MUST', 'An empty password counts as missing information: the registration is refused with not-acceptable'),
  'xep0077.register.conflict': rule('XEP-0077 §3.1', 'none', 'A name already in use is named as a cause of failure, shown with conflict, but no sentence requires that answer or protects the existing account'),
  'xep0077.register.success': rule('XEP-0077 §3.1', 'none', 'A successful registration is shown answered with an IQ result; no sentence obliges a host to accept one'),
  'xep0077.register.cancel': rule('XEP-0077 §3.2', 'SHOULD', "A home server removes the account of the session that asks, and cancels that account's presence subscriptions"),
  'xep0077.register.cancel-not-alone': rule('XEP-0077 §3.2', 'none', 'A remove request with other children is listed among the bad-request cases, without a keyword'),
  'xep0077.register.empty-password-change': rule('XEP-0077 §3.3', 'MUST', 'A password change to an empty password leaves the existing password in place'),
};
