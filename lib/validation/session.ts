import { z } from "zod";

export const switchAccountSchema = z.strictObject({ accountId: z.uuid("Choose an account.") });
