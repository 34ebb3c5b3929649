// better-auth: email/password accounts, database sessions, roles (admin plugin).
// Secrets and the public URL come from the environment set by scripts/start.ts.
import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { admin, genericOAuth } from "better-auth/plugins";
import { db } from "../db";
import { OIDC_PROVIDER_ID, oidcDisplayName } from "./oidc";
import { lockedMessage, lockedUntil, recordFailedSignIn, recordSuccessfulSignIn } from "./lockout";

const SIGN_IN_PATH = "/sign-in/email";

/** Sign-in through the hospital's identity provider, when OIDC_* is configured. */
function oidcPlugins() {
  const issuer = process.env.OIDC_ISSUER;
  const clientId = process.env.OIDC_CLIENT_ID;
  if (!issuer || !clientId) return [];
  return [
    genericOAuth({
      config: [
        {
          providerId: OIDC_PROVIDER_ID,
          name: oidcDisplayName(),
          discoveryUrl: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
          clientId,
          clientSecret: process.env.OIDC_CLIENT_SECRET,
          scopes: ["openid", "email", "profile"],
          pkce: true,
        },
      ],
    }),
  ];
}

const SESSION_DAYS = 1;
// `next build` loads this module without a runtime environment; it never serves requests.
const isBuild = process.env.NEXT_PHASE === "phase-production-build";

export const auth = betterAuth({
  appName: "EHR-R1 Review",
  baseURL: process.env.BETTER_AUTH_URL ?? (isBuild ? "http://localhost:3000" : undefined),
  secret: process.env.AUTH_SECRET ?? (isBuild ? "build-time-placeholder-never-serves-requests" : undefined),
  database: prismaAdapter(db, { provider: "postgresql" }),
  emailAndPassword: {
    enabled: true,
    // Accounts are created by an admin or `npm run user:create`, never by self sign-up.
    disableSignUp: true,
    minPasswordLength: 10,
  },
  session: {
    expiresIn: 60 * 60 * 24 * SESSION_DAYS,
    updateAge: 60 * 60,
  },
  rateLimit: {
    enabled: true,
    window: 60,
    max: 100,
    // Password guessing is slowed per client address here; per-account lockout is separate.
    customRules: { "/sign-in/email": { window: 60, max: Number(process.env.AUTH_SIGN_IN_RATE_LIMIT ?? 30) } },
  },
  advanced: {
    useSecureCookies: process.env.BETTER_AUTH_URL?.startsWith("https://") ?? false,
  },
  hooks: {
    before: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== SIGN_IN_PATH || typeof ctx.body?.email !== "string") return;
      const until = await lockedUntil(ctx.body.email);
      if (until) throw new APIError("FORBIDDEN", { code: "ACCOUNT_LOCKED", message: lockedMessage(until) });
    }),
    after: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== SIGN_IN_PATH || typeof ctx.body?.email !== "string") return;
      const session = ctx.context.newSession;
      if (session) await recordSuccessfulSignIn(session.user.id);
      else if (ctx.context.returned instanceof APIError && ctx.context.returned.statusCode === 401) {
        await recordFailedSignIn(ctx.body.email);
      }
    }),
  },
  plugins: [
    // Accounts made by an OIDC sign-in start with OIDC_DEFAULT_ROLES, or none: an admin
    // decides who may see patients.
    admin({ defaultRole: process.env.OIDC_DEFAULT_ROLES ?? "", adminRoles: ["admin"] }),
    ...oidcPlugins(),
    nextCookies(),
  ],
});
