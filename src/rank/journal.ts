/**
 * The run's journal: one JSON line of HostFacts per host, appended as each host finishes, so memory
 * holds no host's evidence after it is written, an interrupted run keeps what it learned, and
 * `--resume` skips the hosts already in it. Lines are read back one at a time by byte offset.
 */
import { createReadStream } from 'node:fs';
import { appendFile, open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { HostFacts } from './facts.js';

export const JOURNAL_FILE = 'facts.jsonl';

/** Where one host's line sits in the journal. */
export interface JournalRef {
  domain: string;
  offset: number;
  length: number;
}

export async function appendFacts(file: string, facts: HostFacts): Promise<void> {
  await appendFile(file, `${JSON.stringify(facts)}\n`);
}

/**
 * Every complete line, in order, with its offset. A torn last line (the run was killed mid-write)
 * is skipped: that host is probed again on resume. A later line for a domain replaces an earlier one.
 */
export async function* readJournal(file: string): AsyncGenerator<{ facts: HostFacts; ref: JournalRef }> {
  try {
    await stat(file);
  } catch {
    return;
  }
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let offset = 0;
  for await (const line of lines) {
    const length = Buffer.byteLength(line) + 1;
    try {
      const facts = JSON.parse(line) as HostFacts;
      if (typeof facts.domain === 'string') yield { facts, ref: { domain: facts.domain, offset, length } };
    } catch {
      // torn or foreign line: ignored
    }
    offset += length;
  }
}

export async function readFactsAt(file: string, ref: JournalRef): Promise<HostFacts> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(ref.length);
    await handle.read(buffer, 0, ref.length, ref.offset);
    return JSON.parse(buffer.toString('utf8')) as HostFacts;
  } finally {
    await handle.close();
  }
}

/** Cuts a torn last line (a run killed mid-write) so lines appended on resume start clean. */
export async function repairJournal(file: string): Promise<void> {
  let handle;
  try {
    handle = await open(file, 'r+');
  } catch {
    return;
  }
  try {
    const { size } = await handle.stat();
    const chunk = Buffer.alloc(Math.min(size, 1 << 20));
    await handle.read(chunk, 0, chunk.length, size - chunk.length);
    if (size === 0 || chunk[chunk.length - 1] === 0x0a) return;
    const lastNewline = chunk.lastIndexOf(0x0a);
    await handle.truncate(lastNewline < 0 ? size - chunk.length : size - chunk.length + lastNewline + 1);
  } finally {
    await handle.close();
  }
}
