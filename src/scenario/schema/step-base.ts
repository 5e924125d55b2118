/** What every step schema shares: the one-key entry shape, the timeout, recipients. */
import { Type, type TSchema } from '@sinclair/typebox';
import { Choice, Decoded, Duration, FLOW_PLACEHOLDERS, Strict, Template } from './base.js';

export const timeout = Type.Optional(Duration({ description: 'How long the step may take; defaults to options.timeout' }));

/** A step is a one-key map, as in Artillery: `- message: { to: self }`. */
export function StepEntry<K extends string, T extends TSchema>(key: K, params: T, description: string) {
  return Strict({ [key]: params } as { [P in K]: T }, { description });
}

/** Steps whose options are all optional may also be written `- name` or `- name:`. */
export function OrNothing<T extends TSchema>(params: T) {
  return Type.Union([Type.Null(), params], { title: `nothing or ${params.title ?? 'a map of options'}` });
}

export function FlowTemplate(description: string, title?: string) {
  return Template(FLOW_PLACEHOLDERS, title === undefined ? { description } : { description, title });
}

export const RECIPIENT_KEYWORDS = ['contact', 'random-online', 'self', 'peer'] as const;
export type RecipientKeyword = (typeof RECIPIENT_KEYWORDS)[number];

function isKeyword(text: string): text is RecipientKeyword {
  return (RECIPIENT_KEYWORDS as readonly string[]).includes(text);
}

/**
 * Who a stanza goes to: a keyword (`contact`: someone on the roster, `random-online`: another
 * user connected now, `self`, `peer`: this user's remote counterpart on a simulated peer domain)
 * or a JID template; a template without `@` is a user of `{domain}`.
 */
export const Recipient = Decoded(
  FlowTemplate('contact, random-online, self, peer, or a JID template such as user{n}@{domain}'),
  (text): RecipientKeyword | { jid: string } => (isKeyword(text) ? text : { jid: text }),
);

/** `as: peer`: the step is done by this user's remote counterpart on a simulated peer domain (see `peers:`). */
export const AsPeer = Type.Optional(
  Choice(['peer'] as const, { description: "Act as this user's remote counterpart on a simulated peer domain (needs peers:)" }),
);
