// How the app's pg pools (the main thread's and the preparation thread's) connect and keep
// their connections; a module of its own so the worker thread needs nothing else from lib/db.

/**
 * A server that accepts connections but never answers (hung, or behind a dropped route)
 * would hold every request forever: pg waits without limit by default. With this bound the
 * request fails as "database unavailable" (503) instead.
 */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * How long a spare connection stays open. pg's default (10 s) closed the pool whenever the app
 * paused, so the next burst (a batch, a hundred runs started at once) opened them all again, a
 * backend start and a password exchange each, while its first tokens waited. A server keeps
 * its bounded pool warm through ordinary pauses.
 */
export const IDLE_CONNECTION_MS = 5 * 60_000;
