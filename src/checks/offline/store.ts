/** Moves shared by the offline checks: leave messages for an offline user, then come online. */
import type { Element, Session } from '../../xmpp/index.js';
import type { CheckAccount, CheckContext, CheckOutcome } from '../types.js';
import { arrival, conditionOf, message, sendPresence, settle, tag, Watch, type MessageSpec } from '../message/support.js';

/** What happened to messages sent to a user with no resources. */
export interface Stored {
  sender: Session;
  /** Error bounces by message id. */
  bounces: Map<string, Element>;
}

/** Logs in `from` and sends each message to `to`'s bare JID while `to` has no resource online. */
export async function leaveMessages(ctx: CheckContext, from: CheckAccount, to: CheckAccount, specs: readonly Omit<MessageSpec, 'to'>[]): Promise<Stored> {
  const sender = await ctx.login(from, { resource: 'sender' });
  const watch = new Watch(sender, specs.map((s) => s.id));
  ctx.note(`${to.jid} has no resource online; sending ${specs.length} message(s) to it`);
  for (const spec of specs) await sender.send(message({ ...spec, to: to.jid }));
  await settle(ctx, sender);
  watch.stop();
  const bounces = new Map<string, Element>();
  for (const spec of specs) {
    const bounce = watch.bounce(spec.id);
    if (bounce) bounces.set(spec.id, bounce);
  }
  return { sender, bounces };
}

/** The skip for servers without offline storage, when the probe message itself bounced. */
export function storageRefused(stored: Stored, probeId: string): CheckOutcome | undefined {
  const bounce = stored.bounces.get(probeId);
  if (!bounce) return undefined;
  return { outcome: 'skip', reason: `the server does not store offline messages: a chat message came back with <${conditionOf(bounce)}/>` };
}

/** One tagged chat message left for a fresh offline account, and when it was sent. */
export interface LeftChat {
  from: CheckAccount;
  to: CheckAccount;
  id: string;
  /** Date.now() just before the message was sent. */
  sentAt: number;
}

/** Leaves one chat message for a fresh offline account; the skip when the server refuses to store it. */
export async function leaveOneChat(ctx: CheckContext): Promise<CheckOutcome | LeftChat> {
  const [from, to] = [await ctx.account(), await ctx.account()];
  const id = tag('chat');
  const sentAt = Date.now();
  const stored = await leaveMessages(ctx, from, to, [chat(id)]);
  return storageRefused(stored, id) ?? { from, to, id, sentAt };
}

/**
 * Logs `account` in, watches for `ids`, sends initial presence with `priority`, waits for
 * `expected` (the last id that should arrive, if any) and settles.
 */
export async function comeOnline(
  ctx: CheckContext,
  account: CheckAccount,
  ids: readonly string[],
  options: { priority?: number; expected?: string; resource?: string } = {},
): Promise<{ session: Session; watch: Watch }> {
  const session = await ctx.login(account, { resource: options.resource ?? tag('r') });
  const watch = new Watch(session, ids);
  await sendPresence(session, options.priority ?? 0);
  if (options.expected !== undefined) await arrival(session, options.expected);
  await settle(ctx, session);
  await watch.claimEarlier();
  return { session, watch };
}

/** A chat message with a body, tagged for one check. */
export function chat(id: string): Omit<MessageSpec, 'to'> {
  return { type: 'chat', id, body: `offline ${id}` };
}
