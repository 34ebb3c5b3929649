// Keyed hashes for the review domain (pairwise sides, export pseudonyms) use the server's
// AUTH_SECRET: stable across restarts, never stored beside the data it keys.
import "server-only";
import { createHmac } from "node:crypto";

export function hmacHex(purpose: string, message: string): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set (start the app with `npm start`)");
  // The purpose is mixed into the key so a pseudonym can never equal a pairwise hash.
  const key = createHmac("sha256", secret).update(purpose).digest();
  return createHmac("sha256", key).update(message).digest("hex");
}
