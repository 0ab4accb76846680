import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { CommitUnconfirmedError, describeError, isDatabaseUnavailable, sqlState } from "@/db/errors";

/** An error as postgres.js makes one: the SQLSTATE or its own code, enumerable. */
const driverError = (code: string, message: string) => Object.assign(new Error(message), { code });
const failedQuery = (cause: Error) =>
  new DrizzleQueryError(
    'select * from "api_keys" where "secret_hash" = $1',
    ["9f86d081884c7d659a2feaa0c55ad015"],
    cause,
  );

describe("which database errors mean 'away, try again'", () => {
  it.each([
    ["57P01", "terminating connection due to administrator command"],
    ["57P03", "the database system is starting up"],
    ["08006", "connection failure"],
    ["53300", "too many connections"],
    ["57014", "canceling statement due to statement timeout"],
    ["ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"],
    ["CONNECTION_CLOSED", "write CONNECTION_CLOSED"],
    ["QUEUE_TIMEOUT", "waited too long for a connection"],
    ["CONNECT_TIMEOUT", "connect timeout"],
  ])("%s, however deep it is wrapped, is unavailable", (code, message) => {
    expect(isDatabaseUnavailable(driverError(code, message))).toBe(true);
    expect(isDatabaseUnavailable(failedQuery(driverError(code, message)))).toBe(true);
    expect(isDatabaseUnavailable(new CommitUnconfirmedError(failedQuery(driverError(code, message))))).toBe(true);
    // As Auth.js wraps an error of authorize(): { cause: { err, ...err.cause } }.
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error("CallbackRouteError"), { cause: { err: failedQuery(driverError(code, message)) } }),
      ),
    ).toBe(true);
  });

  it.each([
    ["23505", "duplicate key value violates unique constraint"],
    ["22P02", "invalid input syntax for type uuid"],
    ["42P01", "relation does not exist"],
  ])("%s is a bug or a bad request, not an outage", (code, message) => {
    expect(isDatabaseUnavailable(failedQuery(driverError(code, message)))).toBe(false);
    expect(sqlState(failedQuery(driverError(code, message)))).toBe(code);
  });

  it("a TypeError is not an outage", () => {
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
  });
});

describe("what a log may show of a failed query", () => {
  it("its code, the driver's message and the SQL text, never the parameters", () => {
    const described = describeError(
      failedQuery(driverError("57P01", "terminating connection due to administrator command")),
    );
    expect(described).toEqual({
      code: "57P01",
      message: "terminating connection due to administrator command",
      query: 'select * from "api_keys" where "secret_hash" = $1',
    });
    expect(JSON.stringify(described)).not.toContain("9f86d081884c7d659a2feaa0c55ad015");
  });

  it("a plain error as its message", () => {
    expect(describeError(new Error("boom"))).toEqual({ message: "boom" });
    expect(describeError("text")).toEqual({ message: "text" });
  });
});
