/** The one form-state shape every action returns and every form renders. */
export interface ActionState<T = undefined> {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  data?: T;
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
