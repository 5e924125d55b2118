import t from 'tap';
import { readFileSync } from 'node:fs';
import { EXIT, EXIT_MEANINGS, exitCodeForError } from '../../../src/cli/exit-codes.js';

const tableRows = Object.entries(EXIT).map(
  ([name, code]) => `| ${code} | ${EXIT_MEANINGS[name as keyof typeof EXIT]} |`,
);

for (const file of ['docs/exit-codes.md', 'README.md']) {
  t.test(`${file} lists every exit code exactly as the code defines it`, async (t) => {
    const text = readFileSync(file, 'utf8');
    for (const row of tableRows) t.ok(text.includes(row), row);
  });
}

t.test('error codes map to distinct exit codes', async (t) => {
  t.equal(exitCodeForError('config'), EXIT.usage);
  t.equal(exitCodeForError('unreachable'), EXIT.unreachable);
  t.equal(exitCodeForError('environment'), EXIT.environment);
  t.equal(exitCodeForError('internal'), EXIT.internal);
  t.equal(new Set(Object.values(EXIT)).size, Object.keys(EXIT).length);
});
