/**
 * The XMPP half of an upload phase: its users log in (the scenario's accounts, as given) and
 * ask the upload service for one XEP-0363 slot per file, taking turns.
 */
import { randomBytes } from 'node:crypto';
import type { Slot } from '../http/index.js';
import type { ConnectionTarget, VirtualUser } from '../steps/types.js';
import { GauntletError } from '../util/errors.js';
import { findUploadService, requestUploadSlot, type Session } from '../xmpp/index.js';
import { loginUser } from './user-login.js';

export interface SlotPlan {
  files: number;
  size: number;
  users: readonly VirtualUser[];
  /** The upload service's JID; found through service discovery when absent. */
  service?: string;
  timeoutMs: number;
}

export async function requestSlots(target: ConnectionTarget, plan: SlotPlan): Promise<Slot[]> {
  const sessions: Session[] = [];
  try {
    for (const user of plan.users) sessions.push(await loginUser(target, user, plan.timeoutMs));
    const service = plan.service ?? (await findUploadService(sessions[0]!, target.domain, plan.timeoutMs))?.jid;
    if (!service) throw new GauntletError('config', `${target.domain} offers no XEP-0363 upload service (service discovery found none)`, { hint: 'give service: in the upload phase' });
    // One name per run and file, so a rerun never collides with files already stored.
    const prefix = `gauntlet-${randomBytes(4).toString('hex')}`;
    const slots: Slot[] = new Array(plan.files);
    await Promise.all(
      sessions.map(async (session, turn) => {
        for (let index = turn; index < plan.files; index += sessions.length) {
          const request = { filename: `${prefix}-${index}.bin`, size: plan.size, contentType: 'application/octet-stream' };
          slots[index] = await requestUploadSlot(session, service, request, plan.timeoutMs).catch((cause: Error) => {
            throw new GauntletError('unreachable', `the upload service ${service} refused a slot of ${plan.size} bytes: ${cause.message}`, {
              cause,
              hint: "is size within the server's max-file-size, and its upload quota large enough?",
            });
          });
        }
      }),
    );
    return slots;
  } finally {
    await Promise.all(sessions.map((session) => session.close(plan.timeoutMs).catch(() => undefined)));
  }
}
