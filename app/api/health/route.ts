/**
 * Liveness for a load balancer in front of several Roster servers: answers while this
 * process serves requests. It reads nothing, so `npm run bench` also times it as the
 * framework's floor: the least a request to this server can cost.
 */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
