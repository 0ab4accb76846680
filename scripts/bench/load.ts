// A sustained load from a second process's worth of loopback connections (autocannon).
import autocannon from "autocannon";

export interface LoadResult {
  path: string;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** `connections` clients GET `url` back to back for `seconds`; latencies in ms as the client saw them. */
export async function sustainedLoad(
  url: string,
  headers: Record<string, string>,
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    headers,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
  });
  return {
    path: new URL(url).pathname + new URL(url).search,
    connections: options.connections,
    seconds: options.seconds,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
