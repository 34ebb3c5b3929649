// The guard writes the access log from the route table (lib/api/routes.ts): one entry per
// successful call of a logged route, named by the table, with the path's id or the id the
// answer names; none for a failed call, a malformed id, or a call the table does not log.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import type * as GuardModule from "./guard";
import type { ApiRoute } from "./routes";

let database: TestDatabase;
let guard: typeof GuardModule;
let token: string;
let userId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "test-secret-of-enough-length-for-better-auth";
  process.env.BETTER_AUTH_URL = "http://localhost:3999";
  guard = await import("./guard");
  const { upsertLocalUser } = await import("../auth/create-user");
  const { createApiToken } = await import("../auth/api-tokens");
  ({ id: userId } = await upsertLocalUser(database.prisma, {
    email: "guard@test.local",
    roles: ["admin"],
    password: "correct-horse-battery",
  }));
  ({ token } = await createApiToken({ userId, name: "guard test" }));
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database.drop();
});

function call(route: ApiRoute, url: string, init: { method?: string; body?: unknown } = {}) {
  const headers = new Headers({ authorization: `Bearer ${token}`, "x-forwarded-for": "10.9.8.7" });
  if (init.body) headers.set("content-type", "application/json");
  return new NextRequest(`http://localhost:3999${url}`, {
    method: init.method ?? route.split(" ")[0],
    headers,
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
}

async function entriesSince(before: Date) {
  return database.prisma.accessLog.findMany({ where: { userId, at: { gte: before } }, orderBy: { id: "asc" } });
}

describe("the guard's access log", () => {
  it("logs a successful call of a logged route with the table's action, type and route, and the path's id", async () => {
    const before = new Date();
    const id = crypto.randomUUID();
    const handler = guard.guardedRoute("GET /api/runs/[id]", async ({ params }) => Response.json({ id: params.id }));
    const response = await handler(call("GET /api/runs/[id]", `/api/runs/${id}`), { params: Promise.resolve({ id }) });
    expect(response.status).toBe(200);
    expect(await entriesSince(before)).toMatchObject([
      { action: "view", resourceType: "run", resourceId: id, route: "GET /api/runs/[id]", ip: "10.9.8.7" },
    ]);
  });

  it("logs nothing for a failed call, a malformed id, or a call that continues a logged view", async () => {
    const before = new Date();
    const failing = guard.guardedRoute("GET /api/runs/[id]", async () => {
      throw new (await import("../http/errors")).NotFoundError("Run");
    });
    const id = crypto.randomUUID();
    expect(
      (await failing(call("GET /api/runs/[id]", `/api/runs/${id}`), { params: Promise.resolve({ id }) })).status,
    ).toBe(404);

    let reached = false;
    const unreached = guard.guardedRoute("GET /api/runs/[id]", async () => {
      reached = true;
      return Response.json({});
    });
    const malformed = await unreached(call("GET /api/runs/[id]", "/api/runs/nope"), {
      params: Promise.resolve({ id: "nope" }),
    });
    expect(malformed.status).toBe(404);
    expect((await malformed.json()).error.message).toBe("Run not found.");
    expect(reached).toBe(false);

    const resumed = guard.guardedRoute("GET /api/runs/[id]/stream", async ({ skipAccessLog }) => {
      skipAccessLog();
      return new Response("");
    });
    expect(
      (await resumed(call("GET /api/runs/[id]/stream", `/api/runs/${id}/stream`), { params: Promise.resolve({ id }) }))
        .status,
    ).toBe(200);
    expect(await entriesSince(before)).toEqual([]);
  });

  it("names a created resource by the id in the answer, after parsing the body the table gives", async () => {
    const before = new Date();
    const handler = guard.guardedRoute("POST /api/tokens", async ({ body }) =>
      Response.json({ token: "t", record: { id: `made-${body.name}` } }, { status: 201 }),
    );
    const bad = await handler(call("POST /api/tokens", "/api/tokens", { body: { name: "" } }), {
      params: Promise.resolve({}),
    });
    expect(bad.status).toBe(400);
    const made = await handler(call("POST /api/tokens", "/api/tokens", { body: { name: "x" } }), {
      params: Promise.resolve({}),
    });
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({ record: { id: "made-x" } });
    expect(await entriesSince(before)).toMatchObject([
      { action: "create", resourceType: "api_token", resourceId: "made-x", route: "POST /api/tokens" },
    ]);
  });

  it("logs the access log's CSV export, not a page of it", async () => {
    const before = new Date();
    const handler = guard.guardedRoute("GET /api/admin/access-log", async ({ query }) => new Response(query.format));
    const json = await handler(call("GET /api/admin/access-log", "/api/admin/access-log"), {
      params: Promise.resolve({}),
    });
    expect(await json.text()).toBe("json");
    const csv = await handler(call("GET /api/admin/access-log", "/api/admin/access-log?format=csv"), {
      params: Promise.resolve({}),
    });
    expect(await csv.text()).toBe("csv");
    expect(await entriesSince(before)).toMatchObject([
      { action: "export", resourceType: "access_log", resourceId: null, route: "GET /api/admin/access-log" },
    ]);
  });
});
