/** Area A — stream negotiation and stream errors (RFC 6120 §4, §8.1.2, §11), in catalogue order. */
import type { CheckDefinition } from '../types.js';
import { headerErrorChecks } from './header-errors.js';
import { headerChecks } from './header.js';
import { stanzaRuleChecks } from './stanza-rules.js';
import { xmlErrorChecks } from './xml-errors.js';

export const checks: readonly CheckDefinition[] = [...headerChecks, ...headerErrorChecks, ...xmlErrorChecks, ...stanzaRuleChecks];
