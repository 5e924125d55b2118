/**
 * What every upload check starts with: a logged-in check account and the upload service (the
 * one named by --upload-service or the lab, else the one the domain's disco#items lists), and
 * the slot requests and HTTP transfers the checks make with it.
 */
import { randomBytes } from 'node:crypto';
import { slotFrom, slotRequest, findUploadService, uploadServiceAt, XmppStanzaError, NS, type Session, type SlotRequest, type UploadService, type UploadSlot, type HttpReply } from '../../xmpp/index.js';
import { checkHttp, isTargetEndpoint } from '../support/http.js';
import type { CheckContext, CheckOutcome } from '../types.js';

/** What the checks upload: small, so each check costs little; GET bodies are held to this bound. */
export const MAX_TRANSFER_BYTES = 64 * 1024;

export interface UploadSetup {
  session: Session;
  service: UploadService;
}

/** The service to test, or the skip saying why there is none. */
export async function uploadSetup(ctx: CheckContext): Promise<UploadSetup | { skip: CheckOutcome }> {
  const session = await ctx.login(await ctx.account());
  const named = ctx.target.http?.uploadService;
  const service = named ? await uploadServiceAt(session, named) : await findUploadService(session, ctx.target.domain);
  if (!service) {
    const why = named ? `${named} does not advertise ${NS.httpUpload}` : `neither ${ctx.target.domain} nor its disco#items offer ${NS.httpUpload}`;
    return { skip: { outcome: 'skip', reason: `no HTTP upload service: ${why} (give --upload-service where one exists)` } };
  }
  ctx.note(`upload service ${service.jid}, max-file-size ${service.maxFileSizeText ?? 'not advertised'}`);
  return { session, service };
}

/** A fresh file name, so slots of one run never collide. */
export function fileName(extension = 'txt'): string {
  return `gauntlet-${randomBytes(6).toString('hex')}.${extension}`;
}

/** A slot request for a fresh text/plain file of `size` bytes. */
export function textFile(size: number): SlotRequest {
  return { filename: fileName(), size, contentType: 'text/plain' };
}

export type SlotAnswer = { kind: 'slot'; slot: UploadSlot } | { kind: 'error'; error: XmppStanzaError } | { kind: 'malformed'; why: string };

/** Asks for a slot; a stanza error or a slot without usable URLs is returned, not thrown. */
export async function askSlot(session: Session, service: UploadService, request: SlotRequest): Promise<SlotAnswer> {
  let result;
  try {
    result = await session.iq(slotRequest(service.jid, request));
  } catch (error) {
    if (error instanceof XmppStanzaError) return { kind: 'error', error };
    throw error;
  }
  try {
    return { kind: 'slot', slot: slotFrom(result) };
  } catch (error) {
    return { kind: 'malformed', why: (error as Error).message };
  }
}

/** `<condition/>` of a stanza error, for reasons. */
export function describeError(error: XmppStanzaError): string {
  return `<${error.condition}/>`;
}

/** The slot, or the outcome that ends the check (a refused or malformed answer to a small request). */
export async function smallSlot(ctx: CheckContext, setup: UploadSetup, request: SlotRequest): Promise<UploadSlot | CheckOutcome> {
  const answer = await askSlot(setup.session, setup.service, request);
  if (answer.kind === 'error') return { outcome: 'skip', reason: `the service refused a ${request.size}-byte slot with ${describeError(answer.error)}, so there is nothing to upload to` };
  if (answer.kind === 'malformed') return { outcome: 'violation', reason: `the slot answer is unusable: ${answer.why}` };
  ctx.note(`slot: PUT ${answer.slot.putUrl.slice(0, 200)} GET ${answer.slot.getUrl.slice(0, 200)}`);
  return answer.slot;
}

export function isSlot(value: UploadSlot | CheckOutcome): value is UploadSlot {
  return 'putUrl' in value;
}

/**
 * A slot to upload into, or the skip saying why nothing is sent: its URLs must be https:// (a
 * cleartext slot is slot-https's finding; its headers are not sent in the clear) and be the
 * target's own endpoints (a file host elsewhere is not ours to write to).
 */
export async function transferSlot(ctx: CheckContext, setup: UploadSetup, request: SlotRequest): Promise<UploadSlot | CheckOutcome> {
  const slot = await smallSlot(ctx, setup, request);
  if (!isSlot(slot)) return slot;
  const urls = [slot.putUrl, slot.getUrl];
  const plain = urls.find((url) => !url.startsWith('https://'));
  if (plain) return { outcome: 'skip', reason: `the slot URL ${plain.slice(0, 200)} is not https://, so nothing was uploaded (slot-https judges that)` };
  const foreign = urls.find((url) => !isTargetEndpoint(ctx, url));
  if (foreign) return { outcome: 'skip', reason: `the slot URL ${foreign.slice(0, 200)} is on another host than ${ctx.target.domain}, its subdomains or the endpoints given; not contacted` };
  return slot;
}

/** PUT `body` as the slot says (its allowed headers, our Content-Type); Content-Length is the body's. */
export function putFile(ctx: CheckContext, slot: UploadSlot, body: Buffer, contentType: string): Promise<HttpReply> {
  return checkHttp(ctx, slot.putUrl, { method: 'PUT', headers: { ...slot.putHeaders, 'content-type': contentType }, body, maxBytes: MAX_TRANSFER_BYTES });
}

/** GET without any credential, as anyone holding the URL would. */
export function getFile(ctx: CheckContext, slot: UploadSlot): Promise<HttpReply> {
  return checkHttp(ctx, slot.getUrl, { method: 'GET', maxBytes: MAX_TRANSFER_BYTES });
}

export const accepted = (reply: HttpReply) => reply.status >= 200 && reply.status < 300;
