import { describe, expect, it } from "vitest";
import { refuseActionBody, refuseUrl } from "@/lib/http/request-guard";

const post = (type: string, body: string, length = Buffer.byteLength(body)) =>
  new Request("http://x/users", { method: "POST", headers: { "content-type": type, "content-length": String(length) }, body });

describe("what proxy.ts lets through to Next.js", () => {
  it("refuses URLs with control characters or broken escapes, but a search may hold a pasted tab or line break", () => {
    for (const url of ["http://x/users?q=%00", "http://x/users?q=a%01", "http://x/a%00b", "http://x/users?q=%C2%85", "http://x/%E0%A4%A", "http://x/a%09b"]) expect(refuseUrl(new URL(url)), url).toMatchObject({ status: 400 });
    for (const url of ["http://x/users?q=jan", "http://x/users?q=M%C3%A9era", "http://x/users?q=%E0%A4%A", "http://x/support/search?q=50%25", "http://x/users?q=Meera%09", "http://x/users?q=a%0D%0Ab"]) expect(refuseUrl(new URL(url)), url).toBeNull();
  });

  it("a Server Action's text body must be a JSON array of values React writes inline", async () => {
    const cases: [string, number | null][] = [
      ["[]", null],
      ['[null,{"note":"$$ is a dollar","at":"$D2026-12-07T00:00:00.000Z","n":"$n12","x":"$undefined","y":"$NaN","z":"$-0","i":"$Infinity"}]', null],
      ["{not json", 400],
      ['{"an":"object"}', 400],
      ['["$@1"]', 400],
      ['[null,{"deep":[["$Q2"]]}]', 400],
      ['["$1"]', 400],
      [`[${Array(2_000_000).fill(0).join(",")}]`, null],
    ];
    for (const [body, status] of cases) {
      const refusal = await refuseActionBody(post("text/plain;charset=UTF-8", body));
      expect(refusal?.status ?? null, body.slice(0, 60)).toBe(status);
    }
  });

  it("states its length, within the limit, in a form Next.js can read", async () => {
    expect(await refuseActionBody(new Request("http://x/", { method: "POST", headers: { "content-type": "text/plain" }, body: "[]" }))).toMatchObject({ status: 411 });
    expect(await refuseActionBody(post("text/plain", "[]", 9 * 1024 * 1024))).toMatchObject({ status: 413 });
    expect(await refuseActionBody(post("application/json", "{}"))).toMatchObject({ status: 415 });
    expect(await refuseActionBody(post("multipart/form-data; boundary=zz", "--zz\r\nbroken"))).toMatchObject({ status: 400 });
    const ok = '--zz\r\nContent-Disposition: form-data; name="email"\r\n\r\na@example.com\r\n--zz--\r\n';
    expect(await refuseActionBody(post("multipart/form-data; boundary=zz", ok))).toBeNull();
  });
});
