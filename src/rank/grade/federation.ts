/** Federation reachability points (see FEDERATION_POINTS), from the observer domain's s2s attempt. */
import type { HostFacts } from '../facts.js';
import { FEDERATION_POINTS } from './rubric.js';
import { trace } from './trace.js';
import type { Point } from './types.js';

export function gradeFederation(host: HostFacts): Point[] {
  const fed = host.federation;
  const unknown = `unknown: ${host.unreachable ?? host.unknown.federation ?? 'federation not probed'}`;
  const make = (id: keyof typeof FEDERATION_POINTS, label: string, held: boolean | undefined, paths: string[], why: string): Point => {
    const max = FEDERATION_POINTS[id];
    return { id, label, max, earned: held === undefined ? null : held ? max : 0, why: fed ? why : unknown, ...trace(host, paths) };
  };
  const auth = fed && [fed.dialbackAccepted && 'dialback', fed.externalAccepted && 'SASL EXTERNAL'].filter(Boolean).join(' and ');
  return [
    make('federation-reachable', 'reachable from the observer', fed?.reachable, ['federation.reachable'], fed?.reachable ? `stream opened with ${fed.observer}` : `no s2s stream from ${fed?.observer}`),
    make('federation-authenticates', 'dialback or EXTERNAL accepted', fed && (fed.dialbackAccepted || fed.externalAccepted), ['federation.dialbackAccepted', 'federation.externalAccepted'], auth ? `accepted: ${auth}` : 'neither dialback nor EXTERNAL accepted'),
    make('federation-dials-back', 'dials back to the observer', fed?.dialedBack, ['federation.dialedBack'], fed?.dialedBack ? 'the host connected to the observer' : 'the host did not connect back'),
  ];
}
