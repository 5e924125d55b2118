import type { Accounts } from '../scenario/types.js';
import type { VirtualUser } from '../steps/types.js';
import { fillTemplate } from './template.js';

type Numbered = Extract<Accounts, { username: string }>;

/** `user{n}` / `pw{n}` expanded over n = from .. from+count-1 (the Tsung/amoc convention). */
export function numberedUsers(spec: Numbered, defaultDomain: string): VirtualUser[] {
  const domain = spec.domain ?? defaultDomain;
  const password = spec.password.reveal();
  return Array.from({ length: spec.count }, (_, i) => {
    const n = spec.from + i;
    const username = fillTemplate(spec.username, { n });
    return { n, username, password: fillTemplate(password, { n }), domain, jid: `${username}@${domain}` };
  });
}
