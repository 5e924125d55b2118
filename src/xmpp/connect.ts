/** The TCP step of a connection, timed by the caller, with failures classified. */
import net from 'node:net';
import { XmppConnectError, type ConnectFailureReason } from './errors.js';

export interface TcpTarget {
  host: string;
  port: number;
  timeoutMs: number;
}

const REASON_BY_CODE: Record<string, ConnectFailureReason> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NODATA: 'dns',
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'refused',
  ENETUNREACH: 'refused',
  ETIMEDOUT: 'timeout',
  ECONNRESET: 'closed',
  EPIPE: 'closed',
};

export function classifySocketError(error: unknown, where: string): XmppConnectError {
  if (error instanceof XmppConnectError) return error;
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  const reason = REASON_BY_CODE[code] ?? 'other';
  const hint = reason === 'dns' ? 'check the host name, or give the address explicitly' : undefined;
  return new XmppConnectError(reason, `${where}: ${(error as Error)?.message ?? String(error)}`, { hint, cause: error });
}

/** Resolves with a connected socket (Nagle off: stanzas are small and latency is what we measure). */
export function connectTcp({ host, port, timeoutMs }: TcpTarget): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new XmppConnectError('timeout', `TCP connect to ${host}:${port} took over ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(classifySocketError(error, `TCP connect to ${host}:${port}`));
    });
  });
}
