import { describe, expect, it } from "vitest";
import {
  refuseActionBody,
  refuseForeignOrigin,
  refuseMethod,
  refuseRouterState,
  refuseUrl,
} from "@/lib/http/request-guard";

const post = (type: string, body: string, length = Buffer.byteLength(body), extra: Record<string, string> = {}) =>
  new Request("http://x/users", {
    method: "POST",
    headers: { "content-type": type, "content-length": String(length), ...extra },
    body,
  });

/** A multipart body of these fields, as a fetch action (with a Next-Action header) or a form posted without JavaScript. */
function multipart(fields: [string, string][], fetchAction: boolean) {
  const body = `${fields
    .map(([name, value]) => `--zz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join("")}--zz--\r\n`;
  return post(
    "multipart/form-data; boundary=zz",
    body,
    Buffer.byteLength(body),
    fetchAction ? { "next-action": "0".repeat(42) } : {},
  );
}

describe("what proxy.ts lets through to Next.js", () => {
  it("refuses URLs with control characters or broken escapes, but a search may hold a pasted tab or line break", () => {
    for (const url of [
      "http://x/users?q=%00",
      "http://x/users?q=a%01",
      "http://x/a%00b",
      "http://x/users?q=%C2%85",
      "http://x/%E0%A4%A",
      "http://x/a%09b",
    ])
      expect(refuseUrl(new URL(url)), url).toMatchObject({ status: 400 });
    for (const url of [
      "http://x/users?q=jan",
      "http://x/users?q=M%C3%A9era",
      "http://x/users?q=%E0%A4%A",
      "http://x/support/search?q=50%25",
      "http://x/users?q=Meera%09",
      "http://x/users?q=a%0D%0Ab",
    ])
      expect(refuseUrl(new URL(url)), url).toBeNull();
  });

  it("a Server Action's text body must be a JSON array of values React writes inline", async () => {
    const cases: [string, number | null][] = [
      ["[]", null],
      [
        '[null,{"note":"$$ is a dollar","at":"$D2026-12-07T00:00:00.000Z","n":"$n12","x":"$undefined","y":"$NaN","z":"$-0","i":"$Infinity"}]',
        null,
      ],
      ["{not json", 400],
      ['{"an":"object"}', 400],
      ['["$@1"]', 400],
      ['[null,{"deep":[["$Q2"]]}]', 400],
      ['["$1"]', 400],
      ['["$nabc"]', 400],
      ['[{"email":"$n1e5"}]', 400],
      ['["$n-12"]', null],
      [`[${"[".repeat(10_000)}${"]".repeat(10_000)}]`, 400],
      ['[[[{"roles":["admin"]}]]]', null],
      [`[${Array(2_000_000).fill(0).join(",")}]`, null],
    ];
    for (const [body, status] of cases) {
      const refusal = await refuseActionBody(post("text/plain;charset=UTF-8", body));
      expect(refusal?.status ?? null, body.slice(0, 60)).toBe(status);
    }
  });

  it("states its length, within the limit, in a form Next.js can read", async () => {
    expect(
      await refuseActionBody(
        new Request("http://x/", { method: "POST", headers: { "content-type": "text/plain" }, body: "[]" }),
      ),
    ).toMatchObject({ status: 411 });
    expect(await refuseActionBody(post("text/plain", "[]", 9 * 1024 * 1024))).toMatchObject({ status: 413 });
    expect(await refuseActionBody(post("application/json", "{}"))).toMatchObject({ status: 415 });
    expect(await refuseActionBody(post("multipart/form-data; boundary=zz", "--zz\r\nbroken"))).toMatchObject({
      status: 400,
    });
    const ok = '--zz\r\nContent-Disposition: form-data; name="email"\r\n\r\na@example.com\r\n--zz--\r\n';
    expect(await refuseActionBody(post("multipart/form-data; boundary=zz", ok))).toBeNull();
  });

  it("a multipart action's arguments refer only to what it carries, and only to kinds Roster's pages send", async () => {
    const ID = "6".repeat(42);
    const cases: [string, [string, string][], boolean, number | null][] = [
      [
        "the form's fields",
        [
          ["0", '["$undefined","$K1"]'],
          ["1_email", "a@example.com"],
        ],
        true,
        null,
      ],
      ["no root", [["1_email", "a@example.com"]], true, 400],
      ["a root that is not JSON", [["0", "not json"]], true, 400],
      ["a root that is not a list", [["0", "null"]], true, 400],
      [
        "a blob",
        [
          ["0", '["$B1"]'],
          ["1", "x"],
        ],
        true,
        400,
      ],
      [
        "rows referring to each other",
        [
          ["0", '["$1"]'],
          ["1", '["$0"]'],
        ],
        true,
        400,
      ],
      [
        "a promise",
        [
          ["0", '["$@1"]'],
          ["1", "[]"],
        ],
        true,
        400,
      ],
      [
        "a plain form without JavaScript",
        [
          [`$ACTION_ID_${ID}`, ""],
          ["email", "a@example.com"],
        ],
        false,
        null,
      ],
      [
        "a bound form without JavaScript",
        [
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", `{"id":"${ID}","bound":"$@1"}`],
          ["$ACTION_1:1", "[null]"],
          ["$ACTION_KEY", "k0"],
          ["email", "a@example.com"],
        ],
        false,
        null,
      ],
      [
        "bound to a promise of nothing",
        [
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", `{"id":"${ID}","bound":"$@1"}`],
        ],
        false,
        400,
      ],
      [
        "bound metadata that is not JSON",
        [
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", "not json"],
        ],
        false,
        400,
      ],
      [
        "bound arguments that refer further",
        [
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", `{"id":"${ID}","bound":"$@1"}`],
          ["$ACTION_1:1", '["$Q2"]'],
        ],
        false,
        400,
      ],
    ];
    for (const [name, fields, fetchAction, status] of cases)
      expect((await refuseActionBody(multipart(fields, fetchAction)))?.status ?? null, name).toBe(status);
  });

  it("each form part's headers are printable, short and few, as Next.js's own parser demands", async () => {
    const raw = (headers: string[]) => {
      const body = `--zz\r\n${headers.join("\r\n")}\r\n\r\nvalue\r\n--zz--\r\n`;
      return post("multipart/form-data; boundary=zz", body, Buffer.byteLength(body, "latin1"));
    };
    const cases: [string, string[], number | null][] = [
      ["a plain field", ['Content-Disposition: form-data; name="email"'], null],
      [
        "a file named in UTF-8",
        ['Content-Disposition: form-data; name="avatar"; filename="Méera.png"', "Content-Type: image/png"],
        null,
      ],
      ["a NUL in the name", ['Content-Disposition: form-data; name="em\u0000ail"'], 400],
      ["no name", ['Content-Disposition: form-data; name=""'], 400],
      ["a DEL in the filename", ['Content-Disposition: form-data; name="avatar"; filename="a\u007f.png"'], 400],
      [
        "a 16 KiB filename",
        [`Content-Disposition: form-data; name="avatar"; filename="${"a".repeat(16 * 1024)}.png"`],
        400,
      ],
      [
        "2,001 headers",
        ['Content-Disposition: form-data; name="email"', ...Array.from({ length: 2_000 }, (_, i) => `X-${i}: y`)],
        400,
      ],
    ];
    for (const [name, headers, status] of cases)
      expect((await refuseActionBody(raw(headers)))?.status ?? null, name).toBe(status);
  });

  it("answers only the methods it serves, Server Actions from its own pages only, and navigation states that parse", () => {
    expect(refuseMethod("TRACE")).toMatchObject({ status: 405, headers: { allow: expect.stringContaining("POST") } });
    for (const method of ["GET", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS", "PUT"])
      expect(refuseMethod(method)).toBeNull();

    const origin = (value?: string) => new Headers(value ? { origin: value } : {});
    expect(refuseForeignOrigin(origin("http://evil.example"), "localhost:3000")).toMatchObject({ status: 403 });
    // From a page whose referrer policy is no-referrer, as the reset page's is.
    expect(refuseForeignOrigin(origin("null"), "localhost:3000")).toBeNull();
    expect(refuseForeignOrigin(origin("http://localhost:3000"), "localhost:3000")).toBeNull();
    expect(refuseForeignOrigin(origin(), "localhost:3000")).toBeNull();

    const state = (value: string) => new Headers({ "next-router-state-tree": value });
    for (const bad of ["1", "%", "not json", '{"children":1}', "x".repeat(50_000)])
      expect(refuseRouterState(state(bad)), bad.slice(0, 20)).toMatchObject({ status: 400 });
    expect(refuseRouterState(state(encodeURIComponent(JSON.stringify(["", { children: ["users", {}] }]))))).toBeNull();
    expect(refuseRouterState(new Headers())).toBeNull();
  });
});
