import t from 'tap';
import { createServer } from 'node:net';
import { freePorts } from '../../../src/lab/ports.js';

t.test('freePorts returns distinct ports that can be bound on loopback', async (t) => {
  const ports = await freePorts(5);
  t.equal(ports.length, 5);
  t.equal(new Set(ports).size, 5, 'all distinct');
  for (const port of ports) {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise((resolve) => server.close(resolve));
  }
});
