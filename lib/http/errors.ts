// Typed domain errors, translated to HTTP once (lib/api/guard.ts). Messages are safe to
// show to the client; an unreachable database becomes 503; anything else becomes a generic
// 500 with details in the server log.
import { isDatabaseUnavailable } from "../db/database-unavailable";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message = "Sign in to continue.") {
    super(401, "unauthorized", message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message = "Your role does not allow this.") {
    super(403, "forbidden", message);
  }
}

export class NotFoundError extends HttpError {
  constructor(what = "Resource") {
    super(404, "not_found", `${what} not found.`);
  }
}

export class ValidationError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(400, "invalid_request", message, details);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(409, "conflict", message, details);
  }
}

/** The database is down or restarting: the client may retry; the app recovers by itself. */
export class DatabaseUnavailableError extends HttpError {
  constructor() {
    super(503, "database_unavailable", "The database is unavailable; try again shortly.");
  }
}

/** The HTTP answer an error deserves, or undefined for a bug (a 500). */
export function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (isDatabaseUnavailable(error)) return new DatabaseUnavailableError();
  return undefined;
}

export function errorBody(error: HttpError) {
  return { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
}
