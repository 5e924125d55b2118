/** "Did you mean X?" for misspelt keys and words: edit distance over the allowed choices. */

/** Levenshtein distance where swapping two neighbouring letters (`tpye`) also counts as one edit. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Spelling-insensitive form: `allowCleartextAuth`, `allow-cleartext-auth` and `allow_cleartext_auth` match. */
function fold(word: string): string {
  return word.toLowerCase().replace(/[-_.\s]/g, '');
}

/** The closest allowed word, if it is close enough to be a likely typo. */
export function closest(word: string, choices: readonly string[]): string | undefined {
  const folded = fold(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const choice of choices) {
    const distance = fold(choice) === folded ? 0 : editDistance(word.toLowerCase(), choice.toLowerCase());
    if (distance < bestDistance) {
      best = choice;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= tolerance ? best : undefined;
}

/** "did you mean 'x'?" when a choice is close enough, else undefined. */
export function didYouMean(word: string, choices: readonly string[]): string | undefined {
  const match = closest(word, choices);
  return match === undefined ? undefined : `did you mean '${match}'?`;
}

/** A hint naming the likely intended word, or listing the choices when none is close. */
export function suggestionHint(word: string, choices: readonly string[], noun = 'allowed'): string {
  return didYouMean(word, choices) ?? `${noun}: ${choices.join(', ')}`;
}
