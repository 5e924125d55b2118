/** A lab server as a check target: both vhosts, every port, its CA. */
import { readFile } from 'node:fs/promises';
import type { LabServer } from '../lab/types.js';
import type { CheckTarget } from './types.js';

export async function labTarget(lab: LabServer): Promise<CheckTarget> {
  return {
    domain: lab.domains[0],
    otherDomain: lab.domains[1],
    host: lab.host,
    port: lab.ports.c2s,
    directTlsPort: lab.ports.c2sDirectTls,
    s2sPort: lab.ports.s2s,
    caPem: await readFile(lab.caFile, 'utf8'),
    http: lab.http && { websocket: lab.http.websocket, bosh: lab.http.bosh, hostMeta: lab.http.hostMeta, uploadService: lab.http.uploadService },
  };
}
