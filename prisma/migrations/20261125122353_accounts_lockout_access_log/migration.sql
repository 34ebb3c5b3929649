-- DropForeignKey
ALTER TABLE "access_log" DROP CONSTRAINT "access_log_userId_fkey";

-- AlterTable
ALTER TABLE "access_log" ADD COLUMN     "route" TEXT;

-- AlterTable
ALTER TABLE "user" ADD COLUMN     "failedSignIns" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lockedUntil" TIMESTAMP(3);

-- AddForeignKey
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only access log (written by hand: Prisma's schema language has no triggers).
-- ON UPDATE CASCADE of the user key cannot fire either: user ids never change.
CREATE FUNCTION "access_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "access_log_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "access_log"
  FOR EACH ROW EXECUTE FUNCTION "access_log_append_only"();

CREATE TRIGGER "access_log_no_truncate"
  BEFORE TRUNCATE ON "access_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "access_log_append_only"();
