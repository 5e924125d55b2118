import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { GauntletError } from '../util/errors.js';

export interface ProsodyAccount {
  username: string;
  domain: string;
  password: string;
}

/** Lab account names and passwords stay in a set that needs no quoting in Lua or XML. */
const SAFE = /^[A-Za-z0-9._-]+$/;
const STREAM_HEADER =
  "<?xml version='1.0'?><stream:stream xmlns='xmpp:prosody.im/admin' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";

function checkSafe(accounts: readonly ProsodyAccount[]): void {
  for (const a of accounts) {
    if (!SAFE.test(a.username) || !SAFE.test(a.password) || !SAFE.test(a.domain)) {
      throw new GauntletError('config', `lab account "${a.username}@${a.domain}" has characters the lab does not quote`, {
        hint: 'use letters, digits, dot, dash and underscore for lab usernames and passwords',
      });
    }
  }
}

/** Thrown when the admin socket cannot be reached at all (so another route may be tried). */
class SocketUnreachable extends Error {}

/**
 * The protocol `prosodyctl shell` speaks over mod_admin_socket: an XML stream of <repl-input>
 * lines, each answered by one <repl-result> (type='error' on failure). Every command is
 * pipelined on one connection. Resolves with the error texts.
 */
function runOnAdminSocket(socketPath: string, commands: readonly string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    socket.setEncoding('utf8');
    const errors: string[] = [];
    let buffer = '';
    let results = 0;
    let connected = false;
    socket.once('error', (cause) => reject(connected ? cause : new SocketUnreachable(String(cause))));
    socket.once('connect', () => {
      connected = true;
      socket.write(STREAM_HEADER + commands.map((c) => `<repl-input>${c}</repl-input>`).join(''));
    });
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (const match of buffer.matchAll(/<repl-result([^>]*)>([^<]*)<\/repl-result>/g)) {
        results++;
        if (/type=["']error["']/.test(match[1]!)) errors.push(match[2]!);
      }
      buffer = buffer.replace(/[\s\S]*<\/repl-result>/, '');
      if (results >= commands.length) {
        socket.end('</stream:stream>');
        resolve(errors);
      }
    });
    socket.once('close', () => reject(new GauntletError('environment', "Prosody's admin socket closed before answering")));
  });
}

/** The slow route (one process per account), for a Prosody whose admin socket is unavailable. */
async function registerWithProsodyctl(configFile: string, accounts: readonly ProsodyAccount[]): Promise<string[]> {
  const run = promisify(execFile);
  const errors: string[] = [];
  for (const a of accounts) {
    await run('prosodyctl', ['--config', configFile, 'register', a.username, a.domain, a.password]).catch((error: { stdout?: string }) =>
      errors.push(`${a.username}@${a.domain}: ${error.stdout?.trim() || 'prosodyctl failed'}`),
    );
  }
  return errors;
}

/** Creates accounts through the admin socket, falling back to `prosodyctl register`. */
export async function createProsodyAccounts(
  server: { socketPath: string; configFile: string },
  accounts: readonly ProsodyAccount[],
): Promise<void> {
  checkSafe(accounts);
  if (accounts.length === 0) return;
  const commands = accounts.map((a) => `user:create("${a.username}@${a.domain}", "${a.password}")`);
  const errors = await runOnAdminSocket(server.socketPath, commands).catch((error: unknown) => {
    if (error instanceof SocketUnreachable) return registerWithProsodyctl(server.configFile, accounts);
    throw error;
  });
  if (errors.length > 0) {
    throw new GauntletError('environment', `Prosody refused ${errors.length} account(s): ${errors.slice(0, 3).join('; ')}`, {
      hint: 'lab accounts must not exist yet; use fresh usernames',
    });
  }
}
