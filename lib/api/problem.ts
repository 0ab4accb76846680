const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/**
 * A refusal of the REST API, answered as an RFC 9457 problem document
 * (`application/problem+json`): the status, a title, what went wrong in words, and for
 * invalid input the messages by field. Thrown anywhere in a handler; `apiRoute` answers it.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extra: { errors?: Record<string, string[]>; reference?: string; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }

  response(): Response {
    const { errors, reference, headers } = this.extra;
    const body = {
      type: "about:blank",
      title: TITLES[this.status] ?? "Error",
      status: this.status,
      detail: this.detail,
      errors,
      reference,
    };
    return new Response(JSON.stringify(body), {
      status: this.status,
      headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
    });
  }
}
