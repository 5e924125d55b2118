/** The size limit: advertised in disco#info (XEP-0363 §3) and what an over-size request gets (§6). */
import { NS, type XmppStanzaError } from '../../xmpp/index.js';
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { askSlot, describeError, fileName, textFile, uploadSetup } from './service.js';

/** Far beyond any real limit: a refusal of this size means the service has one. */
const HUGE_BYTES = 2 ** 40;

/** The <file-too-large/> limit an error names, if any. */
function namedLimit(error: XmppStanzaError): string | undefined {
  return error.element?.getChild('error')?.getChild('file-too-large', NS.httpUpload)?.getChildText('max-file-size')?.slice(0, 40) ?? undefined;
}

const maxFileSize: CheckDefinition = {
  id: 'xep0363.upload.max-file-size',
  title: 'An upload service with a size limit advertises it as max-file-size, in bytes',
  area: 'upload',
  level: 'SHOULD',
  spec: [{ doc: 'XEP-0363', section: '3' }],
  tags: ['http', 'upload'],
  needs: { accounts: 1 },
  async run(ctx): Promise<CheckOutcome> {
    const setup = await uploadSetup(ctx);
    if ('skip' in setup) return setup.skip;
    const { service } = setup;
    if (service.maxFileSizeText !== undefined) {
      if (service.maxFileSize === undefined) return { outcome: 'violation', of: 'secondary', reason: `max-file-size is '${service.maxFileSizeText}', not a number of bytes` };
      return { outcome: 'pass', reason: `${service.jid} advertises max-file-size ${service.maxFileSize} bytes` };
    }
    // Nothing advertised: fine only if there is no limit, which a 1 TiB request tells.
    const answer = await askSlot(setup.session, service, { filename: fileName(), size: HUGE_BYTES, contentType: 'application/octet-stream' });
    if (answer.kind === 'error' && ['not-acceptable', 'policy-violation'].includes(answer.error.condition)) {
      const limit = namedLimit(answer.error);
      return { outcome: 'violation', reason: `no max-file-size in disco#info, yet a ${HUGE_BYTES}-byte request was refused with ${describeError(answer.error)}${limit ? ` naming a limit of ${limit}` : ''}: a limit exists` };
    }
    if (answer.kind === 'error') return { outcome: 'info', reason: `no max-file-size advertised; a ${HUGE_BYTES}-byte request got ${describeError(answer.error)}, which does not tell whether a size limit exists` };
    return { outcome: 'pass', reason: `no max-file-size advertised, and a ${HUGE_BYTES}-byte slot was granted: there is no limit to advertise` };
  },
};

/** §6 only permits refusing (and naming the limit), so every answer is recorded, none judged. */
const fileTooLarge: CheckDefinition = {
  id: 'xep0363.upload.file-too-large',
  title: 'What a request one byte over the advertised limit gets (a slot, or an error naming the limit)',
  area: 'upload',
  level: 'INFO',
  spec: [{ doc: 'XEP-0363', section: '6' }],
  tags: ['http', 'upload'],
  needs: { accounts: 1 },
  async run(ctx): Promise<CheckOutcome> {
    const setup = await uploadSetup(ctx);
    if ('skip' in setup) return setup.skip;
    const limit = setup.service.maxFileSize;
    if (limit === undefined) return { outcome: 'skip', reason: 'the service advertises no max-file-size to go beyond' };
    const answer = await askSlot(setup.session, setup.service, textFile(limit + 1));
    if (answer.kind !== 'error') return { outcome: 'info', reason: `a ${limit + 1}-byte request (limit ${limit}) got a slot: refusing it is optional` };
    const named = namedLimit(answer.error);
    const form = named === undefined ? 'without <file-too-large/>' : `with <file-too-large/> naming ${named} bytes`;
    return { outcome: 'info', reason: `a ${limit + 1}-byte request was refused with ${describeError(answer.error)} ${form}` };
  },
};

export const limitChecks: readonly CheckDefinition[] = [maxFileSize, fileTooLarge];
