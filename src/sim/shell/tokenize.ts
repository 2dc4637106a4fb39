/**
 * Splits a command line into words as a POSIX shell does for the simple commands typed at a
 * prompt: single quotes keep everything, double quotes keep spaces and honour `\"` `\\` `\$`,
 * a backslash outside quotes escapes the next character. Operators (`|`, `;`, `&&`, `>`) are
 * returned as separate tokens so the caller can refuse what it does not run.
 */
export type Token = { kind: 'word'; text: string } | { kind: 'op'; text: string };

export class UnterminatedQuoteError extends Error {}

const OPERATORS = ['&&', '||', '>>', '2>&1', '|', ';', '>', '<', '&'];

export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const flush = () => {
    if (inWord) tokens.push({ kind: 'word', text: word });
    word = '';
    inWord = false;
  };
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      flush();
      i++;
      continue;
    }
    if (c === '#' && !inWord) break;
    const op = OPERATORS.find((o) => line.startsWith(o, i) && !(o === '2>&1' && inWord));
    if (op) {
      flush();
      tokens.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new UnterminatedQuoteError("unexpected EOF while looking for matching `''");
      word += line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new UnterminatedQuoteError('unexpected EOF while looking for matching `"\'');
        const d = line[i]!;
        if (d === '"') break;
        if (d === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) {
          word += line[i + 1];
          i += 2;
          continue;
        }
        word += d;
        i++;
      }
      i++;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[i + 1];
      i += 2;
    } else {
      word += c;
      i++;
    }
  }
  flush();
  return tokens;
}
