// Errors that mean "the database cannot be reached right now" (stopped, restarting, the
// connection dropped, no connection to be had) rather than a bug in a query. The HTTP layer
// answers them with 503 (lib/http/errors.ts); the pool reconnects on its own once the server
// is back, so nothing else needs to happen.
// They arrive in several wrappings: Prisma's P1xxx errors, the pg adapter's DriverAdapterError
// (meta.driverAdapterError, its cause a { kind } object), and plain pg / socket errors.

/** Prisma: can't reach server, timed out, server closed the connection, no pool connection in time. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** @prisma/adapter-pg's names for connection failures. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH"]);
/** SQLSTATE: class 08 (connection exception), shutdown / starting up (57P01-57P03), too many connections. */
const isUnavailableSqlState = (code: string) => /^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$|^53300$/.test(code);
/** pg's own errors carry no code, only these messages (the last: no pool connection within the connect timeout). */
const PG_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

type ErrorLike = { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown };

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const { code, kind, message, cause, meta } = error as ErrorLike;
  if (typeof code === "string" && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || isUnavailableSqlState(code)))
    return true;
  if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
  if (typeof message === "string" && PG_MESSAGES.test(message)) return true;
  const adapterError = (meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
  return isDatabaseUnavailable(cause, depth + 1) || isDatabaseUnavailable(adapterError, depth + 1);
}
