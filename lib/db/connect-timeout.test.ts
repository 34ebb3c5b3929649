// A database server that accepts the connection and then says nothing: a query must fail
// within the connect timeout, as "database unavailable", instead of waiting forever.
import { createServer, type Socket } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./database-unavailable";
import { createPrismaClient } from "./prisma-client";

const sockets = new Set<Socket>();
const silent = createServer((socket) => sockets.add(socket));
let port: number;

beforeAll(async () => {
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  port = (silent.address() as { port: number }).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

it("a silent server fails the query as database unavailable", async () => {
  const prisma = createPrismaClient(`postgresql://nobody:secret@127.0.0.1:${port}/none`, { connectTimeoutMs: 300 });
  const error = await prisma.$queryRaw`SELECT 1`.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(sockets.size).toBeGreaterThan(0);
  expect(error).toBeInstanceOf(Error);
  expect(isDatabaseUnavailable(error)).toBe(true);
  await prisma.$disconnect();
});
