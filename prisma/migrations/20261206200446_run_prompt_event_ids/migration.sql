-- AlterTable
ALTER TABLE "prediction_run" ADD COLUMN     "promptEventIds" BIGINT[] DEFAULT ARRAY[]::BIGINT[];
