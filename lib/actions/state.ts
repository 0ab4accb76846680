/** The one form-state shape every action returns and every form renders. */
export interface ActionState<T = undefined> {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** What was typed (never passwords or tokens), so a refused form keeps it after React resets it. */
  values?: Record<string, string>;
  data?: T;
}

/** The typed values worth giving back to a refused form: strings, minus secrets. */
export function echoValues(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === "string" && !/password|token/i.test(key)) out[key] = value.slice(0, 1000);
  }
  return out;
}

/** An expected refusal a handler raises: the transaction rolls back and the form shows it. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}
