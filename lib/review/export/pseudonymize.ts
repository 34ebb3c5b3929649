// Pseudonymous rater ids for exports that leave the study team: a keyed hash (HMAC-SHA-256
// with the server's secret) of the export salt and the user id. Stable within an export and
// across exports sharing a salt; unlinkable to the user id without the server secret.
import "server-only";
import { hmacHex } from "../../auth/server-secret";

export function pseudonymizer(salt: string): (userId: string) => string {
  const cache = new Map<string, string>();
  return (userId) => {
    let pseudonym = cache.get(userId);
    if (!pseudonym) {
      pseudonym = `rater_${hmacHex("export-pseudonym", `${salt}\u0000${userId}`).slice(0, 16)}`;
      cache.set(userId, pseudonym);
    }
    return pseudonym;
  };
}
