/**
 * Every check's rule, kept apart from the check code so the sentence, its keyword and our
 * paraphrase can be read (and reviewed against the spec) in one place per area.
 */
import { GauntletError } from '../../util/errors.js';
import type { CheckDefinition } from '../types.js';
import { levelOf } from '../verdict.js';
import { bindRules } from './bind.js';
import { iqRules } from './iq.js';
import { messageRules } from './message.js';
import { offlineRules } from './offline.js';
import { presenceRules } from './presence.js';
import { registerRules } from './register.js';
import type { RuleTable } from './rule.js';
import { rosterRules } from './roster.js';
import { s2sRules } from './s2s.js';
import { saslRules } from './sasl.js';
import { securityRules } from './security.js';
import { streamRules } from './stream.js';
import { tlsRules } from './tls.js';
import { websocketRules } from './websocket.js';
import { boshRules } from './bosh.js';
import { discoveryRules } from './discovery.js';
import { uploadRules } from './upload.js';

export const RULES: RuleTable = {
  ...streamRules,
  ...tlsRules,
  ...saslRules,
  ...bindRules,
  ...iqRules,
  ...rosterRules,
  ...presenceRules,
  ...messageRules,
  ...offlineRules,
  ...registerRules,
  ...s2sRules,
  ...securityRules,
  ...websocketRules,
  ...boshRules,
  ...discoveryRules,
  ...uploadRules,
};

/**
 * Attaches each check's rule and refuses a check without one, or whose level does not follow
 * its keyword (security-profile checks have their own level: they judge no RFC sentence).
 */
export function withRules(checks: readonly CheckDefinition[], rules: RuleTable = RULES): CheckDefinition[] {
  return checks.map((check) => {
    const entry = rules[check.id];
    if (!entry) throw new GauntletError('internal', `check ${check.id} has no rule in src/checks/rules/`);
    const expected = check.level === 'SECURITY' ? 'SECURITY' : levelOf(entry.rule.keyword);
    if (check.level !== expected) throw new GauntletError('internal', `check ${check.id} is ${check.level} but its rule's keyword is ${entry.rule.keyword}`);
    return { ...check, rule: entry.rule, ...(entry.secondary ? { secondaryRule: entry.secondary } : {}) };
  });
}
