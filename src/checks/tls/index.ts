/** Area checks, in catalogue order; the registry (src/checks/registry.ts) collects every area. */
import type { CheckDefinition } from '../types.js';
import { certificateChecks } from './certificate.js';
import { cipherChecks } from './ciphers.js';
import { directTlsChecks } from './direct-tls.js';
import { srvChecks } from './srv.js';
import { starttlsChecks } from './starttls.js';
import { versionChecks } from './versions.js';

export const checks: readonly CheckDefinition[] = [...starttlsChecks, ...directTlsChecks, ...versionChecks, ...cipherChecks, ...certificateChecks, ...srvChecks];
