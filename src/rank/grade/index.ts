/** Grading: pure functions from HostFacts to grades, points and a total. No network, no clock. */
import type { HostFacts } from '../facts.js';
import { gradeCompliance } from './compliance.js';
import { gradeFederation } from './federation.js';
import { scoreParts } from './score.js';
import { gradeSecurity } from './security.js';
import { gradeTls } from './tls.js';
import type { HostGrades } from './types.js';

export { compareHosts } from './score.js';
export type * from './types.js';

export function gradeHost(host: HostFacts): HostGrades {
  const graded = {
    domain: host.domain,
    ...(host.unreachable !== undefined ? { unreachable: host.unreachable } : {}),
    c2sTls: gradeTls(host, 'c2sTls', { value: host.features?.startTlsRequired, path: 'features.startTlsRequired' }),
    s2sTls: gradeTls(host, 's2sTls', { value: host.federation?.tlsRequired, path: 'federation.tlsRequired' }),
    security: gradeSecurity(host),
    compliance: gradeCompliance(host),
    federation: gradeFederation(host),
  };
  return { ...graded, ...scoreParts(graded) };
}
