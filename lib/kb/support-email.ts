import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { findAccountSettings } from "@/db/queries/accounts";

/** Where the member's account sends help requests; read once per request (the layout's footer and the page both show it). */
export const supportEmailOf = cache(
  async (accountId: string): Promise<string> => (await findAccountSettings(getDb(), accountId))?.supportEmail ?? "",
);
