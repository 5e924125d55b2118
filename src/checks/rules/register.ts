/** The rule behind each register check: the section, its keyword and what it asks, in our words. */
import { rule, type RuleTable } from './rule.js';

export const registerRules: RuleTable = {
  'xep0077.register.before-tls': rule('XEP-0077 §11', 'SHOULD', "In-band registration is not usable before TLS"),
  'xep0077.register.fields': rule('XEP-0077 §3.1', 'MUST', "A registration form request gets the required fields, or service-unavailable when IBR is off"),
  'xep0077.register.missing-field': rule('XEP-0077 §3.1', 'MUST', "A registration without a password is refused with not-acceptable"),
  'xep0077.register.empty-password': rule('XEP-0077 §3.1', 'MUST', "A registration with an empty password is refused with not-acceptable"),
  'xep0077.register.conflict': rule('XEP-0077 §3.1', 'SHOULD', "Registering a username that is taken fails with conflict and leaves the account alone"),
  'xep0077.register.success': rule('XEP-0077 §3.1', 'MUST', "A complete registration succeeds and the new account can log in"),
  'xep0077.register.cancel': rule('XEP-0077 §3.2', 'SHOULD', "Cancelling a registration removes the account and its presence subscriptions"),
  'xep0077.register.cancel-not-alone': rule('XEP-0077 §3.2', 'none', '<remove/> with sibling elements is listed as a bad-request case, without a keyword'),
  'xep0077.register.empty-password-change': rule('XEP-0077 §3.3', 'MUST', "A password change to an empty password keeps the existing password"),
};
