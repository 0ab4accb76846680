// Requests to the server under test, timed by the server itself (Server-Timing).

/** The `total` duration (ms) of a Server-Timing header, as lib/server/server-timing.ts writes it. */
export function serverTotal(header: string | null): number {
  const match = header?.match(/(?:^|,)\s*total;dur=([\d.]+)/);
  if (!match) throw new Error(`no Server-Timing total in ${JSON.stringify(header)}`);
  return Number(match[1]);
}

/** GETs `url`, reads the whole body, and returns the server's time; anything but a 200 throws. */
export async function serverTimeOf(url: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { headers, redirect: "manual" });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  return serverTotal(response.headers.get("server-timing"));
}
