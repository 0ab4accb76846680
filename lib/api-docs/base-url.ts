import "server-only";
import { env } from "@/lib/server/env";
import type { OpenApiDocument } from "./types";

/**
 * Where a service's requests go: its first server. A relative server URL means this Roster
 * server (Roster's own API says `/api/v1`), so it becomes the account's API base URL on
 * APP_URL, the address members reach Roster at. OpenAPI reads a missing server as "/".
 */
export function apiBaseUrl(doc: OpenApiDocument): string {
  const url = doc.servers?.[0]?.url ?? "/";
  if (!url.startsWith("/")) return url;
  return `${env().APP_URL.replace(/\/+$/, "")}${url === "/" ? "" : url}`;
}
