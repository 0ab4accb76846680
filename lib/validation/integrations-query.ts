import { z } from "zod";
import { CATEGORIES, CHANNELS, type IntegrationFilter } from "@/lib/integrations/catalogue";
import { searchParam } from "./text";

/** `channel` may repeat: unknown channels are dropped, repeats collapsed, the rest put in the order offered. */
const channelsField = z
  .preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(z.string()))
  .transform((raw) => CHANNELS.filter((channel) => raw.includes(channel)))
  .catch([]);

/**
 * The Integrations Directory's view, read from its URL (`category`, `channel` repeated, `q`),
 * so a link or a reload shows the same plugins. Bad values fall back to "all" rather than
 * failing the page.
 */
export const integrationsQuerySchema = z
  .object({
    category: z.enum(CATEGORIES).nullable().catch(null),
    channel: channelsField,
    q: searchParam(),
  })
  .transform(({ category, channel, q }): IntegrationFilter => ({ category, channels: channel, q }));
