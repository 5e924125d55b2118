/**
 * A `lookup` for Node's net/tls connect options that answers every name with the target's
 * `host` (given on the command line): URLs keep their real host names (TLS server name, Host
 * header, certificate identity); only where to connect is pinned, as `host` does for TCP.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type Lookup = (hostname: string, options: { all?: boolean }, callback: LookupCallback) => void;

export function pinnedLookup(host: string): Lookup {
  const family = isIP(host);
  return (_hostname, options, callback) => {
    // A host name is looked up in place of the URL's; an address is the answer itself.
    if (family === 0) return dnsLookup(host, { all: options?.all === true }, callback as never);
    if (options?.all) callback(null, [{ address: host, family }]);
    else callback(null, host, family);
  };
}
