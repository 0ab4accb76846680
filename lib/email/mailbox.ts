import "server-only";
import { mailboxAccess } from "@/lib/server/env";
import { isLoopback, requestInfo } from "@/lib/http/request-info";

/**
 * Whether this request may read the Mailbox: only where someone turned it on, and then,
 * unless ROSTER_DEV_MAILBOX=anywhere, only from this machine. Everyone else gets a 404,
 * as if it did not exist.
 */
export async function mailboxOpen(): Promise<boolean> {
  const access = mailboxAccess();
  if (access === "off") return false;
  return access === "anywhere" || isLoopback((await requestInfo()).ip);
}
