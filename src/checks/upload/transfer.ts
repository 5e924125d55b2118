/** The HTTP side of a slot (XEP-0363 §7, §2): the file comes back as sent; a PUT unlike the request is refused. */
import { randomBytes } from 'node:crypto';
import type { UploadSlot } from '../../xmpp/index.js';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../types.js';
import { accepted, getFile, isSlot, putFile, textFile, transferSlot, uploadSetup } from './service.js';

const SIZE = 48;

/** A slot for a SIZE-byte text/plain file that may be uploaded into, or the outcome that ends the check. */
async function textSlotToFill(ctx: CheckContext): Promise<UploadSlot | CheckOutcome> {
  const setup = await uploadSetup(ctx);
  if ('skip' in setup) return setup.skip;
  return transferSlot(ctx, setup, textFile(SIZE));
}

/** PUTs `body` as `contentType` into a fresh slot it does not match (`unlike` says how): a refusal passes. */
async function expectRefusedPut(ctx: CheckContext, body: Buffer, contentType: string, unlike: string): Promise<CheckOutcome> {
  const slot = await textSlotToFill(ctx);
  if (!isSlot(slot)) return slot;
  const put = await putFile(ctx, slot, body, contentType);
  if (accepted(put)) return { outcome: 'violation', reason: `${unlike} was accepted (HTTP ${put.status})` };
  return { outcome: 'pass', reason: `${unlike} was refused with HTTP ${put.status}` };
}

const getAfterPut: CheckDefinition = {
  id: 'xep0363.upload.get-after-put',
  title: 'After the PUT, a GET of the slot URL without credentials returns exactly the bytes uploaded',
  area: 'upload',
  level: 'SHOULD',
  spec: [{ doc: 'XEP-0363', section: '2' }, { doc: 'XEP-0363', section: '7' }],
  tags: ['http', 'upload'],
  needs: { accounts: 1 },
  async run(ctx): Promise<CheckOutcome> {
    const slot = await textSlotToFill(ctx);
    if (!isSlot(slot)) return slot;
    // Binary content, every byte value likely, so a text transcoding would show.
    const bytes = randomBytes(SIZE);
    const put = await putFile(ctx, slot, bytes, 'text/plain');
    if (!accepted(put)) return { outcome: 'violation', reason: `the PUT of a ${SIZE}-byte file matching its slot request was refused: HTTP ${put.status}` };
    const got = await getFile(ctx, slot);
    const created = put.status === 201 ? 'PUT answered 201' : `PUT answered ${put.status} (201 is the status §7 gives for "ready to serve")`;
    if (got.status !== 200) return { outcome: 'violation', reason: `${created}, then the GET URL answered HTTP ${got.status}` };
    if (!got.body.equals(bytes)) return { outcome: 'violation', reason: `${created}, but the GET returned ${got.body.length} bytes that differ from the ${SIZE} uploaded` };
    return { outcome: 'pass', reason: `${created}; the GET returned the same ${SIZE} bytes` };
  },
};

const contentLength: CheckDefinition = {
  id: 'xep0363.upload.content-length-enforced',
  title: 'A PUT whose Content-Length differs from the size in the slot request is refused',
  area: 'upload',
  level: 'MUST',
  spec: [{ doc: 'XEP-0363', section: '7' }],
  tags: ['http', 'upload'],
  needs: { accounts: 1 },
  run: (ctx) => expectRefusedPut(ctx, randomBytes(SIZE + 1), 'text/plain', `a ${SIZE + 1}-byte PUT into a slot requested for ${SIZE} bytes`),
};

const contentType: CheckDefinition = {
  id: 'xep0363.upload.content-type-enforced',
  title: 'A PUT whose Content-Type differs from the one named in the slot request is refused',
  area: 'upload',
  level: 'SHOULD',
  spec: [{ doc: 'XEP-0363', section: '7' }],
  tags: ['http', 'upload'],
  needs: { accounts: 1 },
  run: (ctx) => expectRefusedPut(ctx, randomBytes(SIZE), 'image/png', 'a PUT as image/png into a slot requested for text/plain'),
};

export const transferChecks: readonly CheckDefinition[] = [getAfterPut, contentLength, contentType];
