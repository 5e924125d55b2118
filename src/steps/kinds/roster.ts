import { LATENCY } from '../../metrics/index.js';
import { xml } from '../../xmpp/index.js';
import { preciseNowMs } from '../stamp.js';
import type { StepRun } from './step.js';

const NS_ROSTER = 'jabber:iq:roster';

/** RFC 6121 §2.1.3: fetch the roster (timed as roster_get) and remember the contacts. */
export const rosterGet: StepRun<'roster.get'> = async (ctx, step) => {
  const started = preciseNowMs();
  const result = await ctx.requireSession().iq(xml('iq', { type: 'get' }, xml('query', { xmlns: NS_ROSTER })), step.timeoutMs);
  ctx.shared.metrics.recordMs(LATENCY.rosterGet, preciseNowMs() - started);
  ctx.roster.clear();
  for (const item of result.getChild('query', NS_ROSTER)?.getChildren('item') ?? []) if (item.attrs.jid) ctx.roster.add(item.attrs.jid);
};

/** RFC 6121 §2.3: add or update one item. */
export const rosterSet: StepRun<'roster.set'> = async (ctx, step) => {
  const jid = ctx.render(step.jid);
  const item = xml(
    'item',
    { jid, name: step.name === undefined ? undefined : ctx.render(step.name) },
    ...step.groups.map((group) => xml('group', {}, ctx.render(group))),
  );
  await ctx.requireSession().iq(xml('iq', { type: 'set' }, xml('query', { xmlns: NS_ROSTER }, item)), step.timeoutMs);
  ctx.roster.add(jid);
};

/** RFC 6121 §2.5: remove one item (and with it any subscription). */
export const rosterRemove: StepRun<'roster.remove'> = async (ctx, step) => {
  const jid = ctx.render(step.jid);
  const item = xml('item', { jid, subscription: 'remove' });
  await ctx.requireSession().iq(xml('iq', { type: 'set' }, xml('query', { xmlns: NS_ROSTER }, item)), step.timeoutMs);
  ctx.roster.delete(jid);
};
