-- AlterTable
ALTER TABLE "prediction_run" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "enqueuedAt" TIMESTAMP(3),
ADD COLUMN     "jobId" TEXT;
