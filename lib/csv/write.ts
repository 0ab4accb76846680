import { reportFailure } from "@/lib/server/failure";

// Writing CSV for spreadsheets: every cell quoted when it needs to be (so a line break in a
// name or reason stays inside its cell and forges no row), and cells a spreadsheet would
// run as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe (OWASP "CSV injection").

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r"]);

/** One cell as CSV text. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.has(text[0])) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row, CRLF-terminated as RFC 4180 says. */
export function csvRow(cells: CsvCell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * A CSV download streamed page by page: `pages` yields rows as the database hands them over,
 * so a 100,000-row export never sits in memory whole. Starts with a BOM so spreadsheets read UTF-8.
 *
 * The status (200) is sent with the first rows, so a failure part-way cannot become an error
 * status. It is made impossible to miss instead: it is logged with a reference, a last row
 * says the export stopped there (for whoever keeps the partial file), and the stream then
 * fails, so the connection ends without the end of the body and the browser marks the
 * download failed rather than saving a shorter file as if it were complete.
 */
export function csvResponse(filename: string, header: string[], pages: AsyncIterable<CsvCell[][]>): Response {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let failed: unknown = null;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvRow(header)}`));
    },
    async pull(controller) {
      if (failed) return controller.error(failed);
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value.map(csvRow).join("")));
      } catch (error) {
        const { reference } = reportFailure("csv_export_failed", { filename }, error);
        failed = error;
        controller.enqueue(
          encoder.encode(
            csvRow([
              `Export stopped early: something went wrong on the server, and the rows above are not all of them. Reference: ${reference}`,
            ]),
          ),
        );
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
