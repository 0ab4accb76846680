// Each class of hole an outside review found, probed from outside against the running
// production server, as the review did: HTTP only, the demo data and two API keys.
import { DEMO_PASSWORD } from "../../db/seed/demo-credentials";
import { postCredentials, signIn } from "../lib/sign-in";
import { required } from "../../lib/util/required";

export interface Probe {
  suite: string;
  measured: string;
  passed: boolean;
}

interface ProbeOptions {
  base: string;
  /** The demo Admin's session cookie. */
  session: string;
  /** API keys of the demo Admin in the demo account and in the partner account. */
  key: string;
  partnerKey: string;
}

const api = (base: string, key: string, path: string, init: RequestInit = {}) =>
  fetch(`${base}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...init.headers },
  });

/** A member of the demo account by address, through the API. */
async function memberByEmail(o: ProbeOptions, email: string): Promise<{ id: string; email: string; fullName: string }> {
  const body = (await (await api(o.base, o.key, `/users?q=${encodeURIComponent(email)}`)).json()) as {
    data: { id: string; email: string; fullName: string }[];
  };
  return required(
    body.data.find((m) => m.email === email),
    `${email} in the list`,
  );
}

/** A burst of wrong passwords at Auth.js's own endpoint: how many were checked rather than throttled. */
async function signInBurst(
  base: string,
  email: string,
  count: number,
): Promise<{ checked: number; throttled: number }> {
  const outcomes = await Promise.all(
    Array.from({ length: count }, (_, i) => postCredentials(base, email, `wrong-guess-number-${i}`)),
  );
  const throttled = outcomes.filter((r) => /code=throttled/.test(r.headers.get("location") ?? "")).length;
  return { checked: count - throttled, throttled };
}

export async function probeClasses(o: ProbeOptions): Promise<Probe[]> {
  const probes: Probe[] = [];

  // A cookie kept, unused, across a revoke and a restore (through the API) does not work again.
  const jan = "jan.kowalski@tatacommunications.com";
  const cookie = await signIn(o.base, jan, DEMO_PASSWORD);
  const member = await memberByEmail(o, jan);
  const revoked = await api(o.base, o.key, `/users/${member.id}/revoke`, {
    method: "POST",
    body: JSON.stringify({ reason: "Issue was resolved" }),
  });
  const restored = await api(o.base, o.key, `/users/${member.id}/restore`, { method: "POST", body: "{}" });
  const page = await fetch(`${o.base}/profile`, { headers: { cookie }, redirect: "manual" });
  probes.push({
    suite: "Held cookie, from outside",
    measured: `revoke ${revoked.status}, restore ${restored.status}, then the cookie from before: ${page.status} to ${page.headers.get("location") ?? "(no redirect)"}`,
    passed: revoked.ok && restored.ok && page.status === 307 && /\/sign-in/.test(page.headers.get("location") ?? ""),
  });

  // The partner account invites a demo member's address under a name of its own: it sees that
  // name and no image, never the person's. (Luis is in no browser suite, so not yet a member there.)
  const luis = await memberByEmail(o, "luis.ortega@tatacommunications.com");
  const invited = await api(o.base, o.partnerKey, "/users", {
    method: "POST",
    body: JSON.stringify({ firstName: "Typed", lastName: "Elsewhere", email: luis.email, roles: ["support"] }),
  });
  const { id } = (await invited.json()) as { id: string };
  const seen = (await (await api(o.base, o.partnerKey, `/users/${id}`)).json()) as Record<string, unknown>;
  const searched = (await (
    await api(o.base, o.partnerKey, `/users?q=${encodeURIComponent(luis.fullName)}`)
  ).json()) as { data: unknown[] };
  probes.push({
    suite: "Two tenants, from outside",
    measured: `the partner account invited ${luis.fullName}'s address as "Typed Elsewhere" (${invited.status}): it shows "${seen.fullName}", avatar ${seen.avatarUrl ?? "none"}; a search for his real name there finds ${searched.data.length}`,
    passed:
      invited.status === 201 && seen.fullName === "Typed Elsewhere" && !seen.avatarUrl && searched.data.length === 0,
  });

  // Return paths that normalise to another host, while signed in.
  const corpus = [
    "/..//evil.example/x",
    "/.//evil.example/x",
    "/%2e%2e//evil.example/x",
    "/a/..//evil.example/x",
    "//evil.example",
    "/\\evil.example",
    "/%5C%5Cevil.example",
    "/\t/evil.example",
    "https://evil.example/",
    "/users?x=//evil.example",
  ];
  const escaped: string[] = [];
  for (const value of corpus) {
    const response = await fetch(`${o.base}/sign-in?callbackUrl=${encodeURIComponent(value)}`, {
      headers: { cookie: o.session },
      redirect: "manual",
    });
    const location = response.headers.get("location") ?? "";
    if (new URL(location, o.base).origin !== new URL(o.base).origin) escaped.push(`${value} → ${location}`);
  }
  probes.push({
    suite: "Return paths, from outside",
    measured: `${corpus.length} callbackUrl values signed in: ${escaped.length} left the origin${escaped.length ? ` (${escaped.join("; ")})` : ""}`,
    passed: escaped.length === 0,
  });

  // Expert for an address outside the vendor's domains, and Admin from a key whose creator cannot grant it.
  const expert = await api(o.base, o.key, "/users", {
    method: "POST",
    body: JSON.stringify({
      firstName: "Not",
      lastName: "Vendor",
      email: "not.vendor@example.org",
      roles: ["expert"],
      accessTill: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
    }),
  });
  const refusal = JSON.stringify(await expert.json());
  probes.push({
    suite: "Grant ceiling, from outside",
    measured: `an Expert at example.org through the API: ${expert.status}, naming ${/@tatacommunications\.com/.test(refusal) ? "the vendor's domain" : "nothing"}`,
    passed: expert.status === 422 && /@tatacommunications\.com/.test(refusal),
  });

  // Last, as it uses up half of this machine's sign-in allowance per IP (100 in 15 minutes):
  // 50 wrong passwords for one address, all at once. At most 10 are checked, and the right
  // password is then refused for the address (the IP is still within its allowance).
  // tests/integration/throttle-bursts.test.ts sends ten times each limit.
  // Sara signs in in no browser suite that verify runs: throttling her disturbs none of them.
  const target = "sara.thomas@tatacommunications.com";
  const burst = await signInBurst(o.base, target, 50);
  const after = await signIn(o.base, target, DEMO_PASSWORD).then(
    () => "signed in",
    () => "refused",
  );
  probes.push({
    suite: "Throttle, from outside",
    measured: `50 simultaneous wrong passwords for one address at /api/auth/callback/credentials: ${burst.checked} checked, ${burst.throttled} throttled; then the right password: ${after}`,
    passed: burst.checked <= 10 && after === "refused",
  });

  return probes;
}
