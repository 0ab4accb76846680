import { describe, expect, it } from "vitest";
import { csvCell, csvResponse, csvRow } from "@/lib/csv/write";
import { parseCsv } from "@/lib/csv/parse";

describe("CSV export", () => {
  it("quotes only what needs it and keeps line breaks inside their cell", () => {
    expect(csvRow(["plain", 42, null, undefined, true])).toBe("plain,42,,,true\r\n");
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("two\r\nlines")).toBe('"two\r\nlines"');
    expect(parseCsv(csvRow(["a\nb", "c"]) + csvRow(["d", "e"]))).toEqual([
      ["a\nb", "c"],
      ["d", "e"],
    ]);
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"])
      expect(csvCell(`${start}SUM(A1)`).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    // Numbers stay numbers.
    expect(csvCell(-3)).toBe("-3");
  });

  it("streams a header (with a BOM) and then each page as it comes", async () => {
    async function* pages() {
      yield [["Asha", "Admin"]];
      yield [
        ["Jan", "Support"],
        ["Janet", "=1+1"],
      ];
    }
    const response = csvResponse("members.csv", ["Name", "Role"], pages());
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="members.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(new TextDecoder().decode(bytes))).toEqual([
      ["Name", "Role"],
      ["Asha", "Admin"],
      ["Jan", "Support"],
      ["Janet", "'=1+1"],
    ]);
  });

  it("a failure part-way is logged, says so in a last row, and then fails the body, so the download is not taken for complete", async () => {
    async function* pages() {
      yield [["Asha", "Admin"]];
      throw new Error("terminating connection due to administrator command");
    }
    const reader = csvResponse("members.csv", ["Name", "Role"], pages()).body!.getReader();
    let text = "";
    const read = async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return "ended cleanly";
        text += new TextDecoder().decode(value);
      }
    };
    await expect(read()).rejects.toThrow("terminating connection");
    const rows = parseCsv(text);
    expect(rows.slice(0, 2)).toEqual([
      ["Name", "Role"],
      ["Asha", "Admin"],
    ]);
    expect(rows[2][0]).toMatch(/^Export stopped early: .* Reference: [0-9a-f-]{36}$/);
  });
});
