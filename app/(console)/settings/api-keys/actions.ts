"use server";

import { actionOf } from "@/lib/actions/server-action";
import * as apiKeys from "@/lib/api-keys/operations";

const onKeysPage = { revalidate: ["/settings/api-keys"] };

export const createKey = actionOf(apiKeys.createKey, onKeysPage);
export const revokeKey = actionOf(apiKeys.revokeKey, onKeysPage);
