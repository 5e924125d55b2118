/** Where a lab server's HTTP side lives: every URL names the first domain, served on loopback. */
import type { LabHttp } from './types.js';

/** The most a lab upload service accepts: small, so the size-limit error is cheap to provoke. */
export const LAB_UPLOAD_LIMIT_BYTES = 1024 * 1024;

export function labHttpEndpoints(domain: string, port: number, paths: { bosh: string; websocket: string }): LabHttp {
  const origin = `${domain}:${port}`;
  return {
    port,
    bosh: `https://${origin}${paths.bosh}`,
    websocket: `wss://${origin}${paths.websocket}`,
    hostMeta: `https://${origin}/.well-known/host-meta`,
    uploadService: `upload.${domain}`,
    uploadLimitBytes: LAB_UPLOAD_LIMIT_BYTES,
  };
}

/** Names the lab certificate must carry for the HTTP side besides the XMPP domains. */
export function httpCertificateNames(domains: readonly string[]): string[] {
  return domains.map((domain) => `upload.${domain}`);
}
