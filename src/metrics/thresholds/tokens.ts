import type { Comparison } from './types.js';

export type Token =
  | { readonly kind: 'word'; readonly text: string; readonly column: number }
  | { readonly kind: 'number'; readonly text: string; readonly column: number }
  | { readonly kind: '(' | ')'; readonly text: string; readonly column: number }
  | { readonly kind: 'comparison'; readonly text: Comparison; readonly column: number }
  | { readonly kind: 'end'; readonly text: ''; readonly column: number };

export class TokenError extends Error {
  constructor(
    readonly column: number,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** A word is an aggregation or a metric key, labels included: `ratio(stanzas_sent{kind=chat})`. */
const WORD = /[A-Za-z_][A-Za-z0-9_.:-]*(?:\{[^}]*\})?/y;
/** A number with the unit glued to it, compound durations included: `500ms`, `1m30s`, `1%`. */
const NUMBER = /(?:\d+(?:\.\d+)?|\.\d+)(?:[A-Za-zµμ]+(?:\d+(?:\.\d+)?[A-Za-zµμ]+)*|%)?/y;
const COMPARISON = /<=|>=|==|!=|<|>/y;

/** Splits an expression into tokens; columns are 1-based. */
export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < expression.length) {
    const char = expression[index]!;
    const column = index + 1;
    if (/\s/.test(char)) {
      index++;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: char, text: char, column });
      index++;
    } else {
      const token =
        matchAt(WORD, 'word', expression, index) ??
        matchAt(NUMBER, 'number', expression, index) ??
        matchAt(COMPARISON, 'comparison', expression, index);
      if (!token) throw unexpected(char, column);
      tokens.push(token);
      index += token.text.length;
    }
  }
  tokens.push({ kind: 'end', text: '', column: expression.length + 1 });
  return tokens;
}

function matchAt(pattern: RegExp, kind: 'word' | 'number' | 'comparison', text: string, index: number): Token | undefined {
  pattern.lastIndex = index;
  const found = pattern.exec(text);
  return found ? ({ kind, text: found[0], column: index + 1 } as Token) : undefined;
}

function unexpected(char: string, column: number): TokenError {
  if (char === '=') return new TokenError(column, `"=" is not a comparison`, 'write == to test equality');
  if (char === '!') return new TokenError(column, `"!" must be followed by "="`, 'write != for "not equal"');
  if (char === '-') return new TokenError(column, 'negative limits are not supported', 'limits are 0 or more');
  return new TokenError(column, `unexpected "${char}"`, 'write thresholds like p(99) < 500ms, avg < 1s or count == 0');
}
