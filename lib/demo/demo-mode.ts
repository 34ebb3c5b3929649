// Demo mode (demo users and synthetic patients): DEMO=1|0; by default on only with the
// embedded database. scripts/start.ts resolves the default and sets DEMO for the server.
export function isDemoMode(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.DEMO === "1") return true;
  if (env.DEMO === "0") return false;
  return !env.DATABASE_URL || env.EHR_EMBEDDED_DATABASE === "1";
}
