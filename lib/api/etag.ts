import { ApiProblem } from "./problem";

// Optimistic concurrency over HTTP, in one place: GET sends a member's version as its ETag, and
// a change must send it back in If-Match, so two editors never overwrite each other.

/** The entity tag of a member's version. */
export const etagOf = (version: number) => `"v${version}"`;

/** The version an If-Match header names, or null when it names none (weak tags count too). */
export function versionFromIfMatch(header: string | null): number | null {
  const match = /^\s*(?:W\/)?"v(\d{1,9})"\s*$/.exec(header ?? "");
  return match ? Number(match[1]) : null;
}

/** The version the request's If-Match names: 428 without one, 412 when it names no version of a member. */
export function requiredVersion(request: Request): number {
  const header = request.headers.get("if-match");
  if (!header)
    throw new ApiProblem(
      428,
      "Send If-Match with the ETag of GET /api/v1/users/{id}, so a change made meanwhile is not overwritten.",
    );
  const version = versionFromIfMatch(header);
  if (version === null)
    throw new ApiProblem(
      412,
      "If-Match does not name a version of this member; GET the member again and use its ETag.",
    );
  return version;
}
