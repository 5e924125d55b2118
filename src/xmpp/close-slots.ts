/**
 * At most `MAX_CLOSING` c2s streams of this process close at once; the others queue. Closing
 * costs memory for a moment (our </stream:stream> record, the server's answer, the socket's
 * teardown), and ten thousand sessions closing together added 30–150 MiB on top of what holding
 * them cost: in bounded batches the peak at teardown stays near the peak while holding. With 3,000
 * sessions, 256 at once still added 20–32 MiB; 64 added at most 1 MiB and closed them as fast.
 */
export const MAX_CLOSING = 64;
let closing = 0;
const queue: Array<() => void> = [];

/** Runs `close` when a slot is free; the slot is released however it ends. */
export async function withCloseSlot<T>(close: () => Promise<T>): Promise<T> {
  if (closing >= MAX_CLOSING) await new Promise<void>((resolve) => queue.push(resolve));
  else closing += 1;
  try {
    return await close();
  } finally {
    const next = queue.shift();
    if (next) next();
    else closing -= 1;
  }
}
