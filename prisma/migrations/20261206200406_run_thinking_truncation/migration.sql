-- AlterTable
ALTER TABLE "prediction_run" ADD COLUMN     "promptCut" TEXT,
ADD COLUMN     "thinking" JSONB,
ADD COLUMN     "truncation" JSONB;
