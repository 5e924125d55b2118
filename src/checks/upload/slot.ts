/** The slot itself: URLs over TLS (XEP-0363 §4) that nobody could guess (§9.3). */
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { isSlot, smallSlot, textFile, uploadSetup } from './service.js';

/** The size of the files slots are asked for: any small one will do. */
const SMALL_BYTES = 16;

/** Characters by which two slots for the same file name must differ: 16 hex digits are 64 bits. */
const MIN_RANDOM_CHARS = 16;

const tlsSlot: CheckDefinition = {
  id: 'xep0363.upload.slot-https',
  title: 'A slot request is answered with PUT and GET URLs, both https://',
  area: 'upload',
  level: 'MUST',
  spec: [{ doc: 'XEP-0363', section: '4' }],
  tags: ['http', 'upload', 'tls'],
  needs: { accounts: 1 },
  async run(ctx): Promise<CheckOutcome> {
    const setup = await uploadSetup(ctx);
    if ('skip' in setup) return setup.skip;
    const slot = await smallSlot(ctx, setup, textFile(SMALL_BYTES));
    if (!isSlot(slot)) return slot;
    const plain = [slot.putUrl, slot.getUrl].filter((url) => !url.startsWith('https://'));
    if (plain.length > 0) return { outcome: 'violation', reason: `the slot has URLs without TLS: ${plain.map((url) => url.slice(0, 200)).join(', ')}` };
    return { outcome: 'pass', reason: `PUT and GET URLs are https:// (${new URL(slot.putUrl).host} / ${new URL(slot.getUrl).host})` };
  },
};

/** How many characters two URLs differ by, between their common start and common end. */
function differingChars(a: string, b: string): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return Math.min(a.length, b.length) - start - end;
}

const unguessable: CheckDefinition = {
  id: 'xep0363.upload.unguessable-url',
  title: 'Two slots for the same file name differ by a long random part',
  area: 'upload',
  level: 'SHOULD',
  spec: [{ doc: 'XEP-0363', section: '9.3' }],
  tags: ['http', 'upload', 'security'],
  needs: { accounts: 1 },
  async run(ctx): Promise<CheckOutcome> {
    const setup = await uploadSetup(ctx);
    if ('skip' in setup) return setup.skip;
    const request = textFile(SMALL_BYTES);
    const first = await smallSlot(ctx, setup, request);
    if (!isSlot(first)) return first;
    const second = await smallSlot(ctx, setup, request);
    if (!isSlot(second)) return second;
    const apart = differingChars(first.getUrl, second.getUrl);
    if (apart < MIN_RANDOM_CHARS) {
      return { outcome: 'violation', reason: `two GET URLs for the same file name differ by only ${apart} character(s): ${first.getUrl.slice(0, 150)} and ${second.getUrl.slice(0, 150)}` };
    }
    return { outcome: 'pass', reason: `two GET URLs for the same file name differ by ${apart} characters` };
  },
};

export const slotChecks: readonly CheckDefinition[] = [tlsSlot, unguessable];
