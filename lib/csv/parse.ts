// Reading CSV (RFC 4180), knowing nothing of what the rows mean. Kept free of dependencies and
// of regular expressions built from input: it reads files that strangers upload, so its cost
// must stay linear in the size of the file whatever is in it.

/** A file-level refusal whoever wrote the file can act on; `line` is null when the whole file is at fault. */
export class CsvError extends Error {
  readonly line: number | null;

  constructor(message: string, line: number | null) {
    super(message);
    this.name = "CsvError";
    this.line = line;
  }
}

export interface CsvRecord {
  /** Physical line (1-based) where the record starts, so reports match what an editor shows. */
  line: number;
  cells: string[];
  anyQuoted: boolean;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

function isBlank(record: CsvRecord): boolean {
  return !record.anyQuoted && record.cells.length === 1 && record.cells[0].trim() === "";
}

/** The file's records with the line each starts on; blank lines are skipped. */
export function parseCsvRecords(text: string): CsvRecord[] {
  const n = text.length;
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  while (i < n) {
    const record: CsvRecord = { line, cells: [], anyQuoted: false };
    let endOfRecord = false;

    while (!endOfRecord) {
      // Hand-written files often say `a, "b"`: whitespace around a quoted field is not content.
      let j = i;
      while (j < n && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;

      if (j < n && text.charCodeAt(j) === QUOTE) {
        const openedOn = line;
        const parts: string[] = [];
        i = j + 1;
        let segment = i;
        for (;;) {
          if (i >= n) {
            throw new CsvError(
              `Line ${openedOn}: a quoted field is never closed. Add the closing quote ("), and write a quote inside a quoted field as two quotes ("").`,
              openedOn,
            );
          }
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              parts.push(text.slice(segment, i + 1));
              i += 2;
              segment = i;
              continue;
            }
            parts.push(text.slice(segment, i));
            i++;
            break;
          }
          // Count a CRLF once (at its LF) and a lone CR as a line of its own, as editors do.
          if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
          i++;
        }
        while (i < n && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
        if (i < n) {
          const c = text.charCodeAt(i);
          if (c !== COMMA && c !== LF && c !== CR) {
            throw new CsvError(
              `Line ${line}: unexpected text after a closing quote. A quote inside a quoted field must be written as two quotes ("").`,
              line,
            );
          }
        }
        record.cells.push(parts.length === 1 ? parts[0] : parts.join(""));
        record.anyQuoted = true;
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) {
            throw new CsvError(
              `Line ${line}: a quote (") appears in the middle of a field. Put the whole field in quotes and write the inner quote as two quotes ("").`,
              line,
            );
          }
          i++;
        }
        record.cells.push(text.slice(start, i));
      }

      if (i >= n) {
        endOfRecord = true;
      } else {
        const c = text.charCodeAt(i);
        i++;
        if (c === COMMA) continue;
        if (c === CR && text.charCodeAt(i) === LF) i++;
        line++;
        endOfRecord = true;
      }
    }

    if (!isBlank(record)) records.push(record);
  }
  return records;
}

/** RFC 4180 rows, forgiving of what spreadsheets add (BOM, CRLF, trailing blank lines). */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((record) => record.cells);
}
