-- CreateEnum
CREATE TYPE "skip_reason" AS ENUM ('cannot_assess', 'not_my_specialty', 'other');

-- AlterEnum
ALTER TYPE "assignment_status" ADD VALUE 'skipped';

-- AlterTable
ALTER TABLE "assignment" ADD COLUMN     "skipNote" TEXT,
ADD COLUMN     "skipReason" "skip_reason",
ADD COLUMN     "skippedAt" TIMESTAMP(3);
