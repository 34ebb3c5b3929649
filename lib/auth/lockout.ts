// Per-account lockout: after MAX_FAILED_SIGN_INS consecutive wrong passwords the account
// refuses sign-in for LOCK_MINUTES, whatever address the attempts come from (the per-address
// rate limit is better-auth's). A successful sign-in resets the count.
import "server-only";
import { db } from "../db";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

export function lockedMessage(until: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return `This account is locked after ${MAX_FAILED_SIGN_INS} failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or ask an admin.`;
}

/** The lock's end when the account is locked now, else null. */
export async function lockedUntil(email: string): Promise<Date | null> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { lockedUntil: true },
  });
  return user?.lockedUntil && user.lockedUntil > new Date() ? user.lockedUntil : null;
}

export async function recordFailedSignIn(email: string): Promise<void> {
  // One statement, so concurrent failures cannot under-count.
  await db.$executeRaw`
    UPDATE "user" SET
      "failedSignIns" = "failedSignIns" + 1,
      "lockedUntil" = CASE WHEN "failedSignIns" + 1 >= ${MAX_FAILED_SIGN_INS}
                           THEN now() + make_interval(mins => ${LOCK_MINUTES}) ELSE "lockedUntil" END
    WHERE email = ${email.trim().toLowerCase()}`;
}

export async function recordSuccessfulSignIn(userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { failedSignIns: 0, lockedUntil: null } });
}
