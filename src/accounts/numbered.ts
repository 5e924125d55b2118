import type { Accounts } from '../scenario/types.js';
import type { VirtualUser } from '../steps/types.js';

type Numbered = Extract<Accounts, { username: string }>;

/** `user{n}` / `pw{n}` expanded over n = from .. from+count-1 (the Tsung/amoc convention). */
export function numberedUsers(spec: Numbered, defaultDomain: string): VirtualUser[] {
  const domain = spec.domain ?? defaultDomain;
  return Array.from({ length: spec.count }, (_, i) => {
    const n = spec.from + i;
    const fill = (template: string) => template.replaceAll('{n}', String(n)).replaceAll('{domain}', domain);
    const username = fill(spec.username);
    return { n: i + 1, username, password: fill(spec.password.reveal()), domain, jid: `${username}@${domain}` };
  });
}

/** Runs `task` over `items` with at most `limit` at once; rejects with the first failure. */
export async function inBatches<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
