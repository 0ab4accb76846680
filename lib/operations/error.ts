/**
 * Why an operation refused, in the domain's words. Each adapter says it its own way: the
 * console's server actions as form state (lib/actions/server-action.ts), the REST API as an
 * HTTP status and problem document (lib/api/route.ts).
 */
export type RefusalCode =
  /** The caller's session or API key stopped working while the request was on its way. */
  | "credential_ended"
  /** The caller's roles do not grant it. */
  | "forbidden"
  /** The target is not in the caller's account (or not in a state that can be found). */
  | "not_found"
  /** The target's state does not allow it (already a member, already joined). */
  | "conflict"
  /** Someone else changed the target since the caller read it. */
  | "stale"
  /** The input breaks a rule; `fieldErrors` says which field. */
  | "invalid"
  /** Too many tries: wait and try again. */
  | "throttled";

/** An expected refusal an operation raises: its transaction rolls back and the caller is told why. */
export class OperationError extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}

/** The message of a refusal about fields; the fields carry the reasons. */
export const CHECK_FIELDS = "Check the highlighted fields.";

/** A refusal of what was typed, by field. */
export const invalidFields = (fieldErrors: Record<string, string[]>) =>
  new OperationError("invalid", CHECK_FIELDS, fieldErrors);
