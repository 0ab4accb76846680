import type { z } from "zod";
import { CHECK_FIELDS } from "@/lib/operations/error";

// Form parsing for every server action, signed in or not: what was sent as a plain object, the
// zod issues by field, what was typed to give back to a refused form, and the form state shape.

/** The one form-state shape every action returns and every form renders. */
export interface ActionState<T = undefined> {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** What was typed (never passwords or tokens), so a refused form keeps it after React resets it. */
  values?: Record<string, string | string[]>;
  data?: T;
}

/**
 * What an action or route was sent, as a plain object for its zod schema: form fields or URL
 * parameters (repeated names become arrays; React's own fields are dropped), an object as it
 * came (a Server Action may be called with one), and for anything else (a string, a list,
 * nothing) an empty object, which the schema then refuses field by field.
 */
export function formDataToObject(payload: unknown): Record<string, unknown> {
  if (payload instanceof FormData || payload instanceof URLSearchParams) {
    const out: Record<string, unknown> = {};
    for (const key of new Set(payload.keys())) {
      if (key.startsWith("$ACTION")) continue;
      const values = payload.getAll(key);
      out[key] = values.length > 1 ? values : values[0];
    }
    return out;
  }
  return payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
}

/** The typed values worth giving back to a refused form: strings and lists of them (checkboxes), minus secrets. */
export function echoValues(input: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(input)) {
    if (/password|token/i.test(key)) continue;
    if (typeof value === "string") out[key] = value.slice(0, 10_000);
    else if (Array.isArray(value) && value.every((v) => typeof v === "string"))
      out[key] = value.slice(0, 50).map((v) => v.slice(0, 10_000));
  }
  return out;
}

/** Messages by form field: an issue inside a list (roles.0) belongs to the list's field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "form";
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

/**
 * A form parsed with `schema`: its data, and the values to give back should a later step
 * refuse; or the refused form's state, with the messages by field and (unless `echo` is
 * false, where the form holds nothing worth keeping) what was typed.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  payload: unknown,
  { echo = true }: { echo?: boolean } = {},
): { ok: true; data: z.output<S>; values: Record<string, string | string[]> } | { ok: false; state: ActionState } {
  const input = formDataToObject(payload);
  const values = echoValues(input);
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  return {
    ok: false,
    state: {
      ok: false,
      message: CHECK_FIELDS,
      fieldErrors: fieldErrorsOf(parsed.error),
      ...(echo ? { values } : {}),
    },
  };
}
