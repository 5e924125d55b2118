/**
 * autocannon opens its TLS connections with certificate checks off and offers no way to turn
 * them on. This puts them back per connection: the CA and pinned address go in as tlsOptions,
 * and each new socket is judged on its handshake (chain and name, as Node computes them)
 * before anything is written to it — Node holds writes until then, and an untrusted socket is
 * destroyed in its secureConnect handler, so no request reaches an unverified server
 * (test/integration/http-load-untrusted.test.ts counts the bytes a FAKE server receives: none).
 */
import type { TLSSocket } from 'node:tls';
import type { Client } from 'autocannon';

/** Wraps `client._connect` so every socket it opens is verified; `onUntrusted` hears why one was not. */
export function verifyEveryConnection(client: Client, onUntrusted: (reason: string) => void): void {
  const connect = client._connect.bind(client);
  client._connect = () => {
    connect();
    const socket = client.conn as TLSSocket;
    socket.prependOnceListener('secureConnect', () => {
      if (socket.authorized) return;
      onUntrusted(String(socket.authorizationError ?? 'certificate not trusted'));
      // destroy() drops the socket's listeners first, so autocannon does not reconnect.
      client.destroy();
    });
  };
}
