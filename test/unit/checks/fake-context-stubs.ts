/**
 * The CheckContext doors the hand-written fake worlds do not offer. The fakes run only the checks
 * they model (their targets name no BOSH URL), so reaching a stub is a bug in the test.
 */

export function noBoshEndpoint(): never {
  throw new Error('this fake has no BOSH endpoint');
}

export function noRawStreams(): never {
  throw new Error('this fake has no raw streams');
}
