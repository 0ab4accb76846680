import { describe, expect, it } from "vitest";
import { CsvError, parseCsv } from "@/lib/csv/parse";
import { readInviteCsv } from "@/lib/members/import-csv";

function csvError(run: () => unknown): CsvError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CsvError);
    return error as CsvError;
  }
  throw new Error("expected a CsvError");
}

describe("parseCsv", () => {
  it("splits plain rows on commas and LF", () => {
    expect(parseCsv("a,b,c\n1,2,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
  });

  it("keeps commas, newlines and doubled quotes inside quoted fields", () => {
    expect(parseCsv('"a,b","line1\nline2","say ""hi"""\n')).toEqual([["a,b", "line1\nline2", 'say "hi"']]);
    expect(parseCsv('"""",""')).toEqual([['"', ""]]);
  });

  it("accepts CRLF line endings, inside and outside quotes", () => {
    expect(parseCsv('a,b\r\n"x\r\ny",z\r\n')).toEqual([
      ["a", "b"],
      ["x\r\ny", "z"],
    ]);
  });

  it("treats a lone CR as a line ending (old Mac exports)", () => {
    expect(parseCsv("a,b\r1,2\r")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("strips a UTF-8 BOM at the start only", () => {
    expect(parseCsv("\uFEFFname,email\nAda,ada@example.com")).toEqual([
      ["name", "email"],
      ["Ada", "ada@example.com"],
    ]);
    expect(parseCsv("a,\uFEFFb")).toEqual([["a", "\uFEFFb"]]);
  });

  it("ignores trailing empty lines and rows of only whitespace", () => {
    expect(parseCsv("a,b\n\n   \n1,2\n\t\n\r\n\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("\n\n")).toEqual([]);
  });

  it("keeps a quoted whitespace cell and rows of empty cells (they carry separators)", () => {
    expect(parseCsv('"  "\n,,\n')).toEqual([["  "], ["", "", ""]]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(parseCsv("a,,c,\n")).toEqual([["a", "", "c", ""]]);
  });

  it("does not trim unquoted fields, but allows whitespace around a quoted one", () => {
    expect(parseCsv(' a , "b" ,c')).toEqual([[" a ", "b", "c"]]);
  });

  it("keeps the last row when the file has no final newline", () => {
    expect(parseCsv("a\nb")).toEqual([["a"], ["b"]]);
  });

  it("throws on an unterminated quote, naming the line where the quote opened", () => {
    const error = csvError(() => parseCsv('a,b\n1,2\n3,"never\nclosed\n'));
    expect(error.line).toBe(3);
    expect(error.message).toContain("Line 3");
    expect(error.message).toMatch(/never closed/);
  });

  it("throws on a quote in the middle of an unquoted field, with its line", () => {
    const error = csvError(() => parseCsv('a,b\n"multi\nline",ok\nbad"field,x'));
    expect(error.line).toBe(4);
    expect(error.message).toContain("Line 4");
  });

  it("throws on text after a closing quote", () => {
    const error = csvError(() => parseCsv('"abc"def,x'));
    expect(error.line).toBe(1);
  });

  it("parses a 200-row generated file", () => {
    const expected: string[][] = [["id", "name", "note"]];
    for (let k = 0; k < 200; k++) {
      expected.push([String(k), `Person, ${k}`, k % 3 === 0 ? `multi\nline "${k}"` : ""]);
    }
    const text = expected
      .map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(","))
      .join("\r\n");
    const rows = parseCsv(text);
    expect(rows).toHaveLength(201);
    expect(rows).toEqual(expected);
  });

  it("stays linear on pathological input", () => {
    const started = performance.now();
    expect(parseCsv(",".repeat(200_000))[0]).toHaveLength(200_001);
    const quotes = parseCsv('"'.repeat(100_000)); // opening, 49,999 escaped pairs, closing
    expect(quotes[0][0]).toBe('"'.repeat(49_999));
    expect(() => parseCsv('"'.repeat(100_001))).toThrow(CsvError);
    expect(parseCsv("\n".repeat(200_000))).toEqual([]);
    expect(() => parseCsv(`"${"a\n".repeat(100_000)}`)).toThrow(CsvError);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("readInviteCsv", () => {
  const HEADER = "First Name,Last Name,Email,Roles,Access Till";

  it("maps columns by header name to trimmed raw strings", () => {
    const { rows, problems } = readInviteCsv(
      `${HEADER}\n  Ada , Lovelace ,ada@example.com , Admin ,\nAlan,Turing,alan@example.com,Expert,2026-12-31\n`,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", roles: ["Admin"], accessTill: null },
      {
        line: 3,
        firstName: "Alan",
        lastName: "Turing",
        email: "alan@example.com",
        roles: ["Expert"],
        accessTill: "2026-12-31",
      },
    ]);
  });

  it("accepts columns in any order, without access till, and ignores unknown columns", () => {
    const { rows } = readInviteCsv("Team,Email,Role,Surname,Given Name\nBlue,grace@example.com,Manager,Hopper,Grace\n");
    expect(rows).toEqual([
      {
        line: 2,
        firstName: "Grace",
        lastName: "Hopper",
        email: "grace@example.com",
        roles: ["Manager"],
        accessTill: null,
      },
    ]);
  });

  it.each([
    ["first name,last name,email,roles,access till"],
    ["FIRSTNAME,LASTNAME,EMAIL,ROLE,ACCESSTILL"],
    ["first_name,last_name,e-mail,roles,access_till"],
    ["Given Name,Family Name,Email Address,Roles,Expires"],
    ["given-name,surname,E-Mail,Role,Access-Till"],
    [" First  Name ,\tLast_Name,E_mail,ROLES , expires"],
  ])("matches header variant %j", (header) => {
    const { rows } = readInviteCsv(`${header}\nAda,Lovelace,ada@example.com,Admin,2027-01-01\n`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@example.com",
      roles: ["Admin"],
      accessTill: "2027-01-01",
    });
  });

  it("refuses a header missing required columns, naming them and the accepted names", () => {
    const error = csvError(() => readInviteCsv("First Name,Mail,Access Till\nAda,ada@example.com,\n"));
    expect(error.line).toBe(1);
    expect(error.message).toContain('missing the columns "last name", "email" and "roles"');
    expect(error.message).not.toContain('missing the columns "first name"');
    for (const name of ["surname", "family name", "email address", "e-mail", "role", "given name", "expires"]) {
      expect(error.message).toContain(`"${name}"`);
    }
  });

  it("names a single missing column in the singular", () => {
    const error = csvError(() => readInviteCsv("first name,last name,email\n"));
    expect(error.message).toContain('missing the column "roles"');
  });

  it("refuses a file with data but no header row", () => {
    const error = csvError(() => readInviteCsv("Ada,Lovelace,ada@example.com,Admin\n"));
    expect(error.message).toMatch(/missing the columns/);
  });

  it("refuses an empty file", () => {
    const error = csvError(() => readInviteCsv("\uFEFF\r\n  \r\n"));
    expect(error.message).toMatch(/empty/);
    expect(error.line).toBeNull();
  });

  it("refuses two columns that mean the same thing", () => {
    const error = csvError(() => readInviteCsv("First Name,Last Name,Email,E-mail,Roles\n"));
    expect(error.message).toContain('"Email" and "E-mail"');
  });

  it("returns no rows for a header-only file", () => {
    expect(readInviteCsv(`${HEADER}\r\n`)).toEqual({ rows: [], problems: [] });
  });

  it("reports a row with the wrong cell count by the line it starts on, after a multi-line field", () => {
    const text = [
      "first name,last name,email,roles",
      'Ada,"Love',
      'lace",ada@example.com,Admin',
      '"Multi',
      "line",
      'first",Turing,alan@example.com,Expert',
      "Short,Row,short@example.com",
      "Too,Many,many@example.com,Admin,extra",
      "Grace,Hopper,grace@example.com,Manager",
    ].join("\n");
    const { rows, problems } = readInviteCsv(text);
    expect(problems).toEqual([
      { line: 7, message: "Expected 4 columns, found 3." },
      { line: 8, message: "Expected 4 columns, found 5." },
    ]);
    expect(rows.map((r) => [r.line, r.email])).toEqual([
      [2, "ada@example.com"],
      [4, "alan@example.com"],
      [9, "grace@example.com"],
    ]);
    expect(rows[0].lastName).toBe("Love\nlace");
  });

  it("counts CRLF and skipped blank lines when numbering rows", () => {
    const text = `${HEADER}\r\n\r\n"A\r\nB",x,a@example.com,Admin,\r\n   \r\nC,D,c@example.com,Admin,\r\n`;
    expect(readInviteCsv(text).rows.map((r) => r.line)).toEqual([3, 6]);
  });

  it("skips rows whose cells are all empty, as spreadsheets export them", () => {
    const { rows, problems } = readInviteCsv(`${HEADER}\n,,,,\nAda,L,a@example.com,Admin,\n , ,,\n`);
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.line)).toEqual([3]);
  });

  it("splits roles on ; and | and, in quoted cells, on commas; trims and drops empty parts", () => {
    const text = [
      "first name,last name,email,roles",
      "A,B,a@example.com, Admin ; Manager ;",
      "A,B,b@example.com,Admin|Expert||",
      'A,B,c@example.com,"Admin, Manager ,Expert"',
      'A,B,d@example.com,"Admin;Manager|Expert,"',
      "A,B,e@example.com,",
      'A,B,f@example.com," ; | , "',
    ].join("\n");
    expect(readInviteCsv(text).rows.map((r) => r.roles)).toEqual([
      ["Admin", "Manager"],
      ["Admin", "Expert"],
      ["Admin", "Manager", "Expert"],
      ["Admin", "Manager", "Expert"],
      [],
      [],
    ]);
  });

  it("leaves role names as written for the caller to map", () => {
    const { rows } = readInviteCsv("first name,last name,email,roles\nA,B,a@example.com,super-admin;ADMIN\n");
    expect(rows[0].roles).toEqual(["super-admin", "ADMIN"]);
  });

  it("turns an empty or blank access till into null and keeps a value as written", () => {
    const text = `${HEADER}\nA,B,a@example.com,Expert,\nA,B,b@example.com,Expert,"  "\nA,B,c@example.com,Expert, 31/12/2026 \n`;
    expect(readInviteCsv(text).rows.map((r) => r.accessTill)).toEqual([null, null, "31/12/2026"]);
  });

  it("reads a 200-row generated file", () => {
    const lines = [HEADER];
    for (let k = 1; k <= 200; k++) {
      lines.push(`First${k},"Last, ${k}",user${k}@example.com,"Admin,Expert",${k % 2 ? "2027-01-01" : ""}`);
    }
    const { rows, problems } = readInviteCsv(lines.join("\r\n"));
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(200);
    expect(rows[199]).toEqual({
      line: 201,
      firstName: "First200",
      lastName: "Last, 200",
      email: "user200@example.com",
      roles: ["Admin", "Expert"],
      accessTill: null,
    });
    expect(rows[0].accessTill).toBe("2027-01-01");
  });

  it("refuses a file holding a NUL character, naming its line (it is not text, and no column could keep it)", () => {
    const error = csvError(() =>
      readInviteCsv("first name,last name,email,roles\nNul,Byte,nul@example.com,Support\u0000\n"),
    );
    expect(error.message).toBe(
      "Line 2: the file contains a NUL character, so it is not a text file. Save it again as CSV (UTF-8).",
    );
    expect(error.line).toBe(2);
  });

  describe("limits", () => {
    const file = (count: number) => {
      const lines = ["first name,last name,email,roles"];
      for (let k = 1; k <= count; k++) lines.push(`F${k},L${k},u${k}@example.com,Admin`);
      return lines.join("\n");
    };

    it("accepts exactly 10,000 data rows by default and refuses 10,001", () => {
      expect(readInviteCsv(file(10_000)).rows).toHaveLength(10_000);
      const error = csvError(() => readInviteCsv(file(10_001)));
      expect(error.message).toContain("at most 10,000 rows");
      expect(error.line).toBe(10_002);
    });

    it("counts rows with problems but not blank rows towards maxRows", () => {
      expect(readInviteCsv(`${file(3)}\n\n,,,\n`, { maxRows: 3 }).rows).toHaveLength(3);
      expect(() => readInviteCsv(`${file(2)}\nbad,row\n`, { maxRows: 2 })).toThrow(/at most 2 rows/);
    });

    it("honours a custom maxRows", () => {
      expect(() => readInviteCsv(file(6), { maxRows: 5 })).toThrow(/at most 5 rows/);
      expect(readInviteCsv(file(5), { maxRows: 5 }).rows).toHaveLength(5);
    });

    it("refuses more than 2 MiB by default, measured in UTF-8 bytes", () => {
      const header = "first name,last name,email,roles\n";
      const fits = header + "x".repeat(2 * 1024 * 1024 - header.length);
      // Exactly at the limit the file is parsed: its one oversized cell is an ordinary row problem.
      expect(readInviteCsv(fits).problems).toEqual([{ line: 2, message: "Expected 4 columns, found 1." }]);
      const error = csvError(() => readInviteCsv(`${fits}x`));
      expect(error.message).toContain("larger than 2 MiB");
      expect(error.line).toBeNull();
    });

    it("counts multi-byte characters by their UTF-8 length", () => {
      // "é" is one UTF-16 unit but two bytes; "😀" is two units and four bytes.
      expect(() => readInviteCsv("é".repeat(6), { maxBytes: 11 })).toThrow(/larger than 11 bytes/);
      expect(() => readInviteCsv("😀".repeat(3), { maxBytes: 11 })).toThrow(/larger than 11 bytes/);
      expect(() => readInviteCsv("😀".repeat(3), { maxBytes: 12 })).toThrow(/missing/);
    });

    it("checks the size before parsing, so a broken oversized file is refused for its size", () => {
      expect(() => readInviteCsv(`"${"a".repeat(100)}`, { maxBytes: 50 })).toThrow(/larger than 50 bytes/);
    });
  });

  it("passes a parse error through with its line", () => {
    const error = csvError(() => readInviteCsv(`${HEADER}\nA,B,a@example.com,Admin,\nA,"B,b@example.com,Admin,\n`));
    expect(error.line).toBe(3);
    expect(error.message).toContain("Line 3");
  });

  it("stays fast on a pathological file within the size limit", () => {
    const started = performance.now();
    expect(() => readInviteCsv(",".repeat(1024 * 1024))).toThrow(/missing the columns/);
    expect(() => readInviteCsv('"'.repeat(1024 * 1024 - 1))).toThrow(CsvError);
    const manyBlankRows = `first name,last name,email,roles\n${",,,\n".repeat(200_000)}`;
    expect(readInviteCsv(manyBlankRows)).toEqual({ rows: [], problems: [] });
    // Linear work takes well under a second here; a quadratic parser takes minutes. The margin
    // is for a machine busy with the other test workers.
    expect(performance.now() - started).toBeLessThan(2_500);
  });
});
