/** XMPP addresses (RFC 7622), a thin layer over @xmpp/jid. */
import { jid as makeJid, JID } from '@xmpp/jid';

export type Jid = JID;

/** Parses `local@domain/resource`; throws TypeError on an address without a domain. */
export function parseJid(address: string): Jid {
  return makeJid(address);
}

export function buildJid(local: string | undefined, domain: string, resource?: string): Jid {
  return makeJid(local, domain, resource);
}

/** `local@domain` of any address. */
export function bareJid(address: string | Jid): string {
  return (typeof address === 'string' ? parseJid(address) : address).bare().toString();
}

export function isFullJid(address: string | Jid): boolean {
  return (typeof address === 'string' ? parseJid(address) : address).getResource() !== '';
}

/** Compares two addresses after the normalisation @xmpp/jid applies (domain lower-cased). */
export function sameJid(a: string | Jid, b: string | Jid): boolean {
  const left = typeof a === 'string' ? parseJid(a) : a;
  const right = typeof b === 'string' ? parseJid(b) : b;
  return left.equals(right);
}
