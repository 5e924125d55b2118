/**
 * Grades every journaled host and writes rank.json, rank.csv, leaderboard.html and badges/. Two
 * passes over the journal: the first keeps only grades (small) to sort; the second reads each
 * host's facts back by offset, in rank order, and streams them into the files.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { compareHosts, gradeHost, type HostGrades } from '../grade/index.js';
import { readFactsAt, readJournal, type JournalRef } from '../journal.js';
import { badgeFileName, renderBadge } from './badge.js';
import { CSV_HEADER, csvRow } from './csv.js';
import { detailPanel, leaderboardHead, leaderboardTail } from './leaderboard.js';
import { RANK_FILE_TAIL, rankFileEntry, rankFileHead, type RankRunMeta } from './rank-file.js';

export const OUTPUT_FILES = { json: 'rank.json', csv: 'rank.csv', html: 'leaderboard.html', badges: 'badges' } as const;

interface Graded {
  grades: HostGrades;
  ref: JournalRef;
  software?: string;
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function close(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

/** Every journaled host graded and sorted (the last line of a domain wins). */
export async function gradeJournal(journal: string): Promise<Graded[]> {
  const byDomain = new Map<string, Graded>();
  for await (const { facts, ref } of readJournal(journal)) {
    const software = facts.inventory?.software;
    byDomain.set(facts.domain, { grades: gradeHost(facts), ref, software: software && `${software.name} ${software.version ?? ''}`.trim() });
  }
  return [...byDomain.values()].sort((a, b) => compareHosts(a.grades, b.grades));
}

export async function writeRankOutputs(outDir: string, journal: string, meta: RankRunMeta): Promise<Graded[]> {
  const ranked = await gradeJournal(journal);
  await mkdir(join(outDir, OUTPUT_FILES.badges), { recursive: true });
  const json = createWriteStream(join(outDir, OUTPUT_FILES.json));
  const csv = createWriteStream(join(outDir, OUTPUT_FILES.csv));
  const board = createWriteStream(join(outDir, OUTPUT_FILES.html));
  await write(json, rankFileHead(meta));
  await write(csv, CSV_HEADER);
  await write(board, leaderboardHead(meta, ranked.map((r, i) => ({ rank: i + 1, grades: r.grades, software: r.software }))));
  for (const [index, { grades, ref }] of ranked.entries()) {
    const rank = index + 1;
    const facts = await readFactsAt(journal, ref);
    await write(json, rankFileEntry({ rank, domain: grades.domain, total: grades.total, grades, facts }, index === 0));
    await write(csv, csvRow(rank, grades, facts));
    await write(board, detailPanel(rank, grades, facts));
    await writeFile(join(outDir, OUTPUT_FILES.badges, badgeFileName(grades.domain)), renderBadge(grades));
  }
  await write(json, RANK_FILE_TAIL);
  await write(board, leaderboardTail());
  await Promise.all([close(json), close(csv), close(board)]);
  return ranked;
}
