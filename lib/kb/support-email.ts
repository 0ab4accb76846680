import "server-only";
import { getDb } from "@/db/client";
import { findAccountSettings } from "@/db/queries/accounts";

/** Where the member's account sends help requests. */
export async function supportEmailOf(accountId: string): Promise<string> {
  return (await findAccountSettings(getDb(), accountId))?.supportEmail ?? "";
}
