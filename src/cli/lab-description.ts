import type { LabAccount, LabServer } from '../lab/types.js';

/** A plain-text card telling a person how to reach a lab server. */
export function describeLab(server: LabServer, accounts: readonly LabAccount[]): string {
  const lines = [
    `${server.kind} ${server.version} (${server.variant}) is up in ${server.startupMs} ms, pid ${server.pid}`,
    `  domains       ${server.domains.join(', ')}`,
    `  c2s STARTTLS  ${server.host}:${server.ports.c2s}`,
    `  c2s TLS       ${server.host}:${server.ports.c2sDirectTls}  (XEP-0368 direct TLS)`,
    `  s2s           ${server.host}:${server.ports.s2s}`,
    ...httpLines(server),
    `  trust CA      ${server.caFile}`,
    `  files         ${server.dir}`,
  ];
  if (accounts.length > 0) {
    const shown = accounts.slice(0, 3).map((a) => `${a.jid} / ${a.password}`);
    const more = accounts.length > 3 ? ` (+${accounts.length - 3} more, same pattern)` : '';
    lines.push(`  accounts      ${shown.join(', ')}${more}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The HTTP side, when the server kind has one; URL host names resolve to the server's host. */
function httpLines(server: LabServer): string[] {
  const { http } = server;
  if (!http) return [];
  return [
    `  https         ${server.host}:${http.port}  (URL host names below resolve to ${server.host})`,
    `  BOSH          ${http.bosh}`,
    `  WebSocket     ${http.websocket}`,
    `  host-meta     ${http.hostMeta} (and .json)`,
    `  HTTP upload   ${http.uploadService}  (limit ${http.uploadLimitBytes} bytes)`,
  ];
}
