import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./database-unavailable";

describe("isDatabaseUnavailable", () => {
  it.each([
    ["Prisma: can't reach the server", { code: "P1001", message: "Can't reach database server at 127.0.0.1:5432" }],
    ["Prisma: pool timeout", { code: "P2024", message: "Timed out fetching a new connection" }],
    [
      "the pg adapter's error inside Prisma's",
      { code: "P2010", meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } } },
    ],
    ["a refused socket", { code: "ECONNREFUSED", syscall: "connect", errno: -111 }],
    ["PostgreSQL shutting down (57P01)", { code: "57P01", severity: "FATAL", message: "terminating connection" }],
    [
      "PostgreSQL starting up (57P03)",
      { code: "57P03", severity: "FATAL", message: "the database system is starting up" },
    ],
    ["a connection exception (08006)", { code: "08006", severity: "FATAL", message: "connection failure" }],
    ["pg's own message", new Error("Connection terminated unexpectedly")],
    ["no pool connection in time", new Error("timeout exceeded when trying to connect")],
    ["wrapped as a cause", new Error("query failed", { cause: { code: "ECONNRESET" } })],
  ])("%s: yes", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    [
      "a unique violation",
      { code: "P2002", meta: { driverAdapterError: { cause: { kind: "UniqueConstraintViolation" } } } },
    ],
    ["a PostgreSQL syntax error", { code: "42601", severity: "ERROR", message: "syntax error" }],
    [
      "disk full (53100): not transient, an operator must act",
      { code: "53100", severity: "ERROR", message: "could not extend file" },
    ],
    ["a bug", new TypeError("x is undefined")],
    ["nothing", undefined],
  ])("%s: no", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
