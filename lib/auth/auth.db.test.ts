// Accounts against a real PostgreSQL and the real better-auth: sessions (and their expiry),
// deactivation, API tokens (revoked, expired), per-account lockout, the append-only log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import type * as AccessLogModule from "./access-log";
import type * as TokensModule from "./api-tokens";
import type * as AuthModule from "./auth";
import type * as CreateUserModule from "./create-user";
import type * as CurrentUserModule from "./current-user";
import type * as LockoutModule from "./lockout";

let database: TestDatabase;
// Loaded after the environment is set (see beforeAll), hence dynamic imports.
let modules: {
  auth: typeof AuthModule;
  currentUser: typeof CurrentUserModule;
  tokens: typeof TokensModule;
  lockout: typeof LockoutModule;
  accessLog: typeof AccessLogModule;
  createUser: typeof CreateUserModule;
};

beforeAll(async () => {
  database = await createTestDatabase();
  // lib/db reads these on first use; set before the modules load.
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "test-secret-of-enough-length-for-better-auth";
  process.env.BETTER_AUTH_URL = "http://localhost:3999";
  modules = {
    auth: await import("./auth"),
    currentUser: await import("./current-user"),
    tokens: await import("./api-tokens"),
    lockout: await import("./lockout"),
    accessLog: await import("./access-log"),
    createUser: await import("./create-user"),
  };
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database.drop();
});

let counter = 0;
async function newUser(roles: ("admin" | "clinician" | "annotator")[] = ["clinician"]) {
  counter += 1;
  const email = `user${counter}@test.local`;
  const password = "correct-horse-battery";
  const { id } = await modules.createUser.upsertLocalUser(database.prisma, { email, roles, password });
  return { id, email, password };
}

/** Through better-auth's HTTP handler, as the browser's POST arrives. */
async function signIn(email: string, password: string): Promise<Response> {
  const origin = process.env.BETTER_AUTH_URL!;
  return modules.auth.auth.handler(
    new Request(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { origin, "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    }),
  );
}

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

describe("sessions", () => {
  it("a signed-in user is recognised with their roles; an expired session is not", async () => {
    const user = await newUser(["clinician", "annotator"]);
    const response = await signIn(user.email, user.password);
    expect(response.status).toBe(200);
    const headers = new Headers({ cookie: cookieOf(response) });
    const current = await modules.currentUser.userFromHeaders(headers);
    expect(current).toMatchObject({ id: user.id, roles: ["clinician", "annotator"], via: "session" });

    await database.prisma.session.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await modules.currentUser.userFromHeaders(headers)).toBeNull();
  });

  it("a deactivated user is signed out even with a live session", async () => {
    const user = await newUser();
    const headers = new Headers({ cookie: cookieOf(await signIn(user.email, user.password)) });
    expect(await modules.currentUser.userFromHeaders(headers)).not.toBeNull();
    await database.prisma.user.update({ where: { id: user.id }, data: { banned: true } });
    expect(await modules.currentUser.userFromHeaders(headers)).toBeNull();
  });

  it("a wrong password gets 401 and no session", async () => {
    const user = await newUser();
    const response = await signIn(user.email, "wrong-password-123");
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe("lockout", () => {
  it(`locks an account after ${5} failed sign-ins, with a clear message, even for the right password`, async () => {
    const user = await newUser();
    for (let attempt = 0; attempt < modules.lockout.MAX_FAILED_SIGN_INS; attempt += 1) {
      expect((await signIn(user.email, "wrong-password-123")).status).toBe(401);
    }
    const locked = await signIn(user.email, user.password);
    expect(locked.status).toBe(403);
    const body = await locked.json();
    expect(body.code).toBe("ACCOUNT_LOCKED");
    expect(body.message).toMatch(/locked after 5 failed sign-ins\. Try again in 1[45] minutes/);
    expect(locked.headers.getSetCookie()).toEqual([]);
  });

  it("a successful sign-in resets the count", async () => {
    const user = await newUser();
    for (let attempt = 0; attempt < 4; attempt += 1) await signIn(user.email, "wrong-password-123");
    expect((await signIn(user.email, user.password)).status).toBe(200);
    const row = await database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedSignIns).toBe(0);
    expect((await signIn(user.email, "wrong-password-123")).status).toBe(401);
    expect((await signIn(user.email, user.password)).status).toBe(200);
  });
});

describe("API tokens", () => {
  it("authenticate as their owner, are stored hashed, and stop working when revoked", async () => {
    const user = await newUser(["annotator"]);
    const { token, record } = await modules.tokens.createApiToken({ userId: user.id, name: "script" });
    expect(token).toMatch(/^ehr_[A-Za-z0-9_-]{43}$/);
    const stored = await database.prisma.apiToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(stored.tokenHash).toBe(modules.tokens.hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const headers = new Headers({ authorization: `Bearer ${token}` });
    expect(await modules.currentUser.userFromHeaders(headers)).toMatchObject({
      id: user.id,
      roles: ["annotator"],
      via: "token",
    });

    await modules.tokens.revokeApiToken(user.id, record.id);
    expect(await modules.currentUser.userFromHeaders(headers)).toBeNull();
  });

  it("an expired token, an unknown token and someone else's revoke are refused", async () => {
    const owner = await newUser();
    const other = await newUser();
    const { token, record } = await modules.tokens.createApiToken({
      userId: owner.id,
      name: "short",
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await modules.currentUser.userFromHeaders(new Headers({ authorization: `Bearer ${token}` }))).toBeNull();
    expect(await modules.currentUser.userFromHeaders(new Headers({ authorization: "Bearer ehr_nope" }))).toBeNull();
    await expect(modules.tokens.revokeApiToken(other.id, record.id)).rejects.toThrow("Token not found");
  });
});

describe("access log", () => {
  it("records who opened what, and refuses updates and deletes", async () => {
    const user = await newUser();
    await modules.accessLog.logAccess({
      user,
      action: "view",
      resourceType: "patient",
      resourceId: "p-1",
      headers: new Headers({ "x-forwarded-for": "10.1.2.3, 127.0.0.1", "user-agent": "vitest" }),
    });
    const row = await database.prisma.accessLog.findFirstOrThrow({ where: { userId: user.id } });
    expect(row).toMatchObject({ action: "view", resourceType: "patient", resourceId: "p-1", ip: "10.1.2.3" });
    await expect(database.prisma.accessLog.update({ where: { id: row.id }, data: { action: "x" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(database.prisma.accessLog.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    await expect(database.prisma.$executeRawUnsafe('TRUNCATE "access_log"')).rejects.toThrow(/append-only/);
  });
});
