// The invite import's reading of an uploaded file: which columns it needs, under which header
// names, and the limits on one upload. The CSV syntax itself is lib/csv/parse.ts.
import { CsvError, parseCsvRecords, type CsvRecord } from "@/lib/csv/parse";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/validation/members";

/** One data row of an import file, still raw: the caller validates it with the invite schema. */
export interface InviteCsvRow {
  line: number;
  firstName: string;
  lastName: string;
  email: string;
  roles: string[];
  accessTill: string | null;
}

/** A row that was skipped, reported by line so the Admin can fix just that row. */
export interface InviteCsvProblem {
  line: number;
  message: string;
}

/** Limits that keep one upload from tying up the server. */
export interface InviteCsvOptions {
  maxRows?: number;
  maxBytes?: number;
}

type Field = "firstName" | "lastName" | "email" | "roles" | "accessTill";

const COLUMNS: { field: Field; required: boolean; names: string[] }[] = [
  { field: "firstName", required: true, names: ["first name", "firstname", "first_name", "given name"] },
  { field: "lastName", required: true, names: ["last name", "lastname", "surname", "family name"] },
  { field: "email", required: true, names: ["email", "email address", "e-mail"] },
  { field: "roles", required: true, names: ["roles", "role"] },
  { field: "accessTill", required: false, names: ["access till", "accesstill", "access_till", "expires"] },
];

function normalizeHeader(name: string): string {
  let out = "";
  const lower = name.toLowerCase();
  for (let k = 0; k < lower.length; k++) {
    const ch = lower[k];
    if (ch === "_" || ch === "-" || ch.trim() === "") continue;
    out += ch;
  }
  return out;
}

const FIELD_BY_HEADER = new Map<string, Field>(
  COLUMNS.flatMap((column) => column.names.map((name) => [normalizeHeader(name), column.field] as const)),
);

function orList(items: string[], word: "or" | "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${word} ${items[items.length - 1]}`;
}

function acceptedHeaders(): string {
  const required = COLUMNS.filter((c) => c.required).map((c) =>
    orList(
      c.names.map((n) => `"${n}"`),
      "or",
    ),
  );
  const optional = COLUMNS.filter((c) => !c.required).map((c) =>
    orList(
      c.names.map((n) => `"${n}"`),
      "or",
    ),
  );
  return `${required.join("; ")}; and optionally ${optional.join("; ")}`;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && k + 1 < text.length) {
      const next = text.charCodeAt(k + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        k++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function splitRoles(cell: string): string[] {
  // An unquoted cell cannot hold a comma, so splitting on it only ever affects quoted cells.
  const roles: string[] = [];
  let start = 0;
  for (let k = 0; k <= cell.length; k++) {
    const ch = cell[k];
    if (k === cell.length || ch === ";" || ch === "|" || ch === ",") {
      const part = cell.slice(start, k).trim();
      if (part) roles.push(part);
      start = k + 1;
    }
  }
  return roles;
}

/** Maps an uploaded invite file onto rows by header name, so columns may come in any order. */
export function readInviteCsv(
  text: string,
  options: InviteCsvOptions = {},
): { rows: InviteCsvRow[]; problems: InviteCsvProblem[] } {
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;

  if (utf8Length(text) > maxBytes) {
    throw new CsvError(`The file is larger than ${formatBytes(maxBytes)}. Split it into smaller files.`, null);
  }

  // A text file holds no NUL; one means the file is not text (or not UTF-8), and no database column could keep it.
  const nul = text.indexOf("\u0000");
  if (nul !== -1) {
    const line = text.slice(0, nul).split("\n").length;
    throw new CsvError(
      `Line ${line}: the file contains a NUL character, so it is not a text file. Save it again as CSV (UTF-8).`,
      line,
    );
  }
  const records = parseCsvRecords(text);
  if (records.length === 0) {
    throw new CsvError(`The file is empty. It needs a header row naming the columns: ${acceptedHeaders()}.`, null);
  }

  const header = records[0];
  const columnOf = new Map<Field, number>();
  header.cells.forEach((cell, index) => {
    const field = FIELD_BY_HEADER.get(normalizeHeader(cell));
    if (!field) return;
    const earlier = columnOf.get(field);
    if (earlier !== undefined) {
      // Picking one silently could invite the wrong address; make the Admin choose.
      throw new CsvError(
        `Line ${header.line}: the columns "${header.cells[earlier].trim()}" and "${cell.trim()}" mean the same thing. Keep only one of them.`,
        header.line,
      );
    }
    columnOf.set(field, index);
  });

  const missing = COLUMNS.filter((c) => c.required && !columnOf.has(c.field)).map((c) => `"${c.names[0]}"`);
  if (missing.length) {
    throw new CsvError(
      `Line ${header.line}: the header row is missing the ${missing.length === 1 ? "column" : "columns"} ${orList(missing, "and")}. Accepted header names: ${acceptedHeaders()}.`,
      header.line,
    );
  }

  const width = header.cells.length;
  const cell = (record: CsvRecord, field: Field): string => {
    const index = columnOf.get(field);
    return index === undefined ? "" : record.cells[index].trim();
  };

  const rows: InviteCsvRow[] = [];
  const problems: InviteCsvProblem[] = [];
  let count = 0;
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    // Spreadsheets export emptied rows as ",,,"; they hold nobody to invite.
    if (record.cells.every((c) => c.trim() === "")) continue;
    count++;
    if (count > maxRows) {
      throw new CsvError(
        `Line ${record.line}: the file has more than ${maxRows.toLocaleString("en-GB")} rows. Import at most ${maxRows.toLocaleString("en-GB")} rows at a time.`,
        record.line,
      );
    }
    if (record.cells.length !== width) {
      problems.push({ line: record.line, message: `Expected ${width} columns, found ${record.cells.length}.` });
      continue;
    }
    const accessTill = cell(record, "accessTill");
    rows.push({
      line: record.line,
      firstName: cell(record, "firstName"),
      lastName: cell(record, "lastName"),
      email: cell(record, "email"),
      roles: splitRoles(cell(record, "roles")),
      accessTill: accessTill === "" ? null : accessTill,
    });
  }
  return { rows, problems };
}
