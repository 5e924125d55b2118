/** The msgoffline disco feature, checked against what the server actually does (XEP-0160 §4). */
import { NS, xml } from '../../xmpp/index.js';
import type { CheckDefinition } from '../types.js';
import { tag } from '../message/support.js';
import { chat, comeOnline, leaveMessages } from './store.js';


const discoFeature: CheckDefinition = {
  id: 'xep0160.offline.disco-feature',
  title: 'A server that stores offline messages advertises the msgoffline feature, and only then',
  area: 'offline',
  level: 'SHOULD',
  spec: [{ doc: 'XEP-0160', section: '4' }],
  tags: ['offline', 'disco'],
  needs: { accounts: 2 },
  async run(ctx) {
    const [from, to] = [await ctx.account(), await ctx.account()];
    const id = tag('chat');
    const stored = await leaveMessages(ctx, from, to, [chat(id)]);
    const info = await stored.sender.iq(xml('iq', { type: 'get', to: ctx.target.domain }, xml('query', { xmlns: NS.discoInfo })));
    const features = info.getChild('query', NS.discoInfo)?.getChildren('feature').map((f) => f.attrs.var) ?? [];
    const advertised = features.includes('msgoffline');
    let stores = false;
    if (!stored.bounces.has(id)) stores = (await comeOnline(ctx, to, [id], { expected: id })).watch.delivered(id).length > 0;
    if (stores && !advertised) return { outcome: 'violation', reason: 'offline messages are stored, but disco#info lacks msgoffline' };
    if (!stores && advertised) return { outcome: 'violation', reason: 'msgoffline is advertised, but a message for an offline user was not stored' };
    return { outcome: 'pass', reason: stores ? 'stores offline messages and advertises msgoffline' : 'no offline storage, and msgoffline is not advertised' };
  },
};

export const discoChecks: readonly CheckDefinition[] = [discoFeature];
