-- AlterTable
ALTER TABLE "prediction_run" ADD COLUMN     "thinking" JSONB,
ADD COLUMN     "truncation" JSONB;
