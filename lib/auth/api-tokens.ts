// Personal API tokens for scripts: random, shown once, stored as SHA-256 only, revocable.
// A token acts with its owner's current roles (a deactivated owner's tokens stop working).
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db";
import { NotFoundError } from "../http/errors";

const TOKEN_PREFIX = "ehr_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

const VIEW = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
};

export async function createApiToken(input: {
  userId: string;
  name: string;
  expiresAt?: Date | null;
}): Promise<{ token: string; record: ApiTokenView }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const record = await db.apiToken.create({
    data: {
      userId: input.userId,
      name: input.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      expiresAt: input.expiresAt ?? null,
    },
    select: VIEW,
  });
  return { token, record };
}

export async function listApiTokens(userId: string): Promise<ApiTokenView[]> {
  return db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: VIEW });
}

/** Revokes one of the user's own tokens; someone else's token is "not found", not "forbidden". */
export async function revokeApiToken(userId: string, tokenId: string): Promise<void> {
  const result = await db.apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) throw new NotFoundError("Token");
}

export type TokenOwner = { id: string; email: string; name: string; role: string; banned: boolean | null };

type TokenRow = TokenOwner & {
  tokenId: string;
  revokedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
};

/**
 * The owner of a live token, or null. The token and its owner come in one query, one round
 * trip (Prisma reads a relation with a second query): this runs on every API call made with a
 * token, and under load every round trip waits its turn in the pool.
 */
export async function tokenOwner(token: string): Promise<TokenOwner | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [record] = await db.$queryRaw<TokenRow[]>`
    SELECT t.id AS "tokenId", t."revokedAt", t."expiresAt", t."lastUsedAt",
           u.id, u.email, u.name, u.role, u.banned
    FROM api_token t JOIN "user" u ON u.id = t."userId"
    WHERE t."tokenHash" = ${hashToken(token)}`;
  if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= new Date())) return null;
  // Last use is kept to the minute: a write per request would make every API call a write.
  if (!record.lastUsedAt || Date.now() - record.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: record.tokenId }, data: { lastUsedAt: new Date() } });
  }
  const { id, email, name, role, banned } = record;
  return { id, email, name, role, banned };
}
