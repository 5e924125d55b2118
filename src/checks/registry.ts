/** The whole catalogue, in catalogue order (areas A–K); ids are unique and never reused. */
import { GauntletError } from '../util/errors.js';
import { checks as bind } from './bind/index.js';
import { checks as iq } from './iq/index.js';
import { checks as message } from './message/index.js';
import { checks as offline } from './offline/index.js';
import { checks as presence } from './presence/index.js';
import { checks as register } from './register/index.js';
import { checks as roster } from './roster/index.js';
import { checks as s2s } from './s2s/index.js';
import { checks as sasl } from './sasl/index.js';
import { checks as stream } from './stream/index.js';
import { checks as tls } from './tls/index.js';
import { withRules } from './rules/index.js';
import { checks as security } from './security/index.js';
import { checks as websocket } from './websocket/index.js';
import { checks as bosh } from './bosh/index.js';
import { checks as discovery } from './discovery/index.js';
import { checks as upload } from './upload/index.js';
import type { CheckDefinition } from './types.js';

/** Throws when two checks share an id or a check cites nothing: both are catalogue bugs. */
export function assertCatalogue(checks: readonly CheckDefinition[]): readonly CheckDefinition[] {
  const seen = new Set<string>();
  for (const check of checks) {
    if (seen.has(check.id)) throw new GauntletError('internal', `two checks share the id ${check.id}`);
    if (check.spec.length === 0) throw new GauntletError('internal', `check ${check.id} cites no spec section`);
    seen.add(check.id);
  }
  return checks;
}

export const CATALOGUE: readonly CheckDefinition[] = assertCatalogue(withRules([
  ...stream,
  ...tls,
  ...sasl,
  ...bind,
  ...iq,
  ...roster,
  ...presence,
  ...message,
  ...offline,
  ...register,
  ...s2s,
  ...security,
  ...websocket,
  ...bosh,
  ...discovery,
  ...upload,
]));
