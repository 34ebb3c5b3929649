-- AlterTable
ALTER TABLE "prediction_run" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "enqueuedAt" TIMESTAMP(3),
ADD COLUMN     "jobId" TEXT;

-- Runs from before the job queue: a started run had its one attempt; an ended run needs no job.
-- Queued runs keep "enqueuedAt" NULL: the workers' lease check gives each a job (batch runs
-- are fed by their batch), and a run left streaming goes back to the queue by its free lease.
UPDATE "prediction_run" SET "attempt" = 1 WHERE "startedAt" IS NOT NULL;
UPDATE "prediction_run" SET "enqueuedAt" = "createdAt" WHERE "status" NOT IN ('queued', 'streaming');
