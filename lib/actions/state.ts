/** The one form-state shape every action returns and every form renders. */
export interface ActionState<T = undefined> {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** What was typed (never passwords or tokens), so a refused form keeps it after React resets it. */
  values?: Record<string, string | string[]>;
  data?: T;
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

/**
 * An expected refusal a handler raises: the transaction rolls back and the form shows it.
 * `status` is what it amounts to over HTTP (the REST API answers with it): 401 for a
 * credential that stopped working, 422 for input
 * the rules refuse, 404 for a target not in the account, 409 for a conflicting state, 429
 * for too many tries.
 */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
    readonly status: 401 | 403 | 404 | 409 | 412 | 422 | 429 = 422,
  ) {
    super(message);
  }
}
