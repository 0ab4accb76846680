// Signing in over HTTP for the scripts that load or measure a server (bench, verify).

/** One sign-in attempt at Auth.js's credentials endpoint, as the form makes it (CSRF token and cookie first); its answer, unfollowed. */
export async function postCredentials(base: string, email: string, password: string): Promise<Response> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/users` }),
  });
}

/** Signs in; returns the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const response = await postCredentials(base, email, password);
  const session = response.headers.getSetCookie().find((c) => c.includes("session-token="));
  if (response.status !== 302 || !session) throw new Error(`sign-in answered ${response.status}`);
  return session.split(";")[0];
}
