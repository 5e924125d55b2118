import { connect } from 'node:net';
import { GauntletError } from '../util/errors.js';
import type { AccountSpec } from './types.js';

/** Lab account names and passwords stay in a set that needs no quoting in Lua or XML. */
const SAFE = /^[A-Za-z0-9._-]+$/;

function replInput(command: string): string {
  return `<repl-input>${command}</repl-input>`;
}

/**
 * Creates accounts through Prosody's admin socket (the protocol `prosodyctl shell` speaks):
 * one connection, every `user:create` pipelined, one `<repl-result>` per command.
 */
export async function createProsodyAccounts(socketPath: string, accounts: readonly Required<AccountSpec>[]): Promise<void> {
  for (const a of accounts) {
    if (!SAFE.test(a.username) || !SAFE.test(a.password) || !SAFE.test(a.domain)) {
      throw new GauntletError('config', `lab account "${a.username}@${a.domain}" has characters the lab does not quote`, {
        hint: 'use letters, digits, dot, dash and underscore for lab usernames and passwords',
      });
    }
  }
  if (accounts.length === 0) return;
  const socket = connect(socketPath);
  socket.setEncoding('utf8');
  const errors: string[] = [];
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    let results = 0;
    socket.once('error', (cause) =>
      reject(new GauntletError('environment', `cannot reach Prosody's admin socket ${socketPath}`, { cause })),
    );
    socket.once('connect', () => {
      const header =
        "<?xml version='1.0'?><stream:stream xmlns='xmpp:prosody.im/admin' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
      const commands = accounts.map((a) => replInput(`user:create("${a.username}@${a.domain}", "${a.password}")`));
      socket.write(header + commands.join(''));
    });
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (const match of buffer.matchAll(/<repl-result([^>]*)>([^<]*)<\/repl-result>/g)) {
        results++;
        if (/type=["']error["']/.test(match[1]!)) errors.push(match[2]!);
      }
      buffer = buffer.replace(/[\s\S]*<\/repl-result>/, '');
      if (results >= accounts.length) {
        socket.end('</stream:stream>');
        resolve();
      }
    });
    socket.once('close', () => reject(new GauntletError('environment', "Prosody's admin socket closed early")));
  });
  socket.destroy();
  if (errors.length > 0) {
    throw new GauntletError('environment', `Prosody refused ${errors.length} account(s): ${errors.slice(0, 3).join('; ')}`);
  }
}
