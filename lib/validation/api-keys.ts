import { z } from "zod";
import { isPlainName } from "./text";

/** Create API Key: a name people will recognise the integration by. */
export const createApiKeySchema = z.strictObject({
  name: z
    .string({ error: "Name the key after what will use it." })
    .trim()
    .min(1, "Name the key after what will use it.")
    .max(60, "Keep the name under 60 characters.")
    .refine(isPlainName, "The name cannot contain control characters."),
});

/** Revoke: which key, nothing else. */
export const revokeApiKeySchema = z.strictObject({ keyId: z.uuid("Unknown API key.") });
