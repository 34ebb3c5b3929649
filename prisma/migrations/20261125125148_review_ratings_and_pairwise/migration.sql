-- DropForeignKey
ALTER TABLE "rating" DROP CONSTRAINT "rating_runId_fkey";

-- DropForeignKey
ALTER TABLE "rating" DROP CONSTRAINT "rating_userId_fkey";

-- DropForeignKey
ALTER TABLE "rating_revision" DROP CONSTRAINT "rating_revision_userId_fkey";

-- AlterTable
ALTER TABLE "queue_item" ADD COLUMN     "backendBId" TEXT;

-- AlterTable
ALTER TABLE "rating" ADD COLUMN     "presentedOrder" TEXT;

-- AddForeignKey
ALTER TABLE "queue_item" ADD CONSTRAINT "queue_item_backendBId_fkey" FOREIGN KEY ("backendBId") REFERENCES "backend"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rating" ADD CONSTRAINT "rating_runId_fkey" FOREIGN KEY ("runId") REFERENCES "prediction_run"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rating" ADD CONSTRAINT "rating_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rating_revision" ADD CONSTRAINT "rating_revision_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rating history is append-only (written by hand: Prisma's schema language has no triggers).
-- Deleting a rating still cascades to its history; the app never deletes ratings, and Restrict
-- on their run and user keys stops deletes of runs and users from reaching them.
CREATE FUNCTION "rating_revision_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rating_revision is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "rating_revision_no_update"
  BEFORE UPDATE ON "rating_revision"
  FOR EACH ROW EXECUTE FUNCTION "rating_revision_immutable"();
