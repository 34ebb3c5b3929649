-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "encounter_kind" AS ENUM ('admission', 'icu_stay', 'ed_stay', 'ambulatory', 'other');

-- CreateEnum
CREATE TYPE "event_category" AS ENUM ('admission', 'transfer', 'diagnosis', 'procedure', 'lab', 'medication', 'microbiology', 'vital', 'note', 'order', 'observation', 'input', 'output', 'allergy', 'immunization', 'other');

-- CreateEnum
CREATE TYPE "import_status" AS ENUM ('running', 'done', 'failed');

-- CreateEnum
CREATE TYPE "task_group" AS ENUM ('decision_making', 'risk_prediction');

-- CreateEnum
CREATE TYPE "answer_type" AS ENUM ('item_list', 'yes_no');

-- CreateEnum
CREATE TYPE "backend_kind" AS ENUM ('openai_compatible', 'baseline');

-- CreateEnum
CREATE TYPE "run_status" AS ENUM ('queued', 'streaming', 'done', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "review_kind" AS ENUM ('agreement', 'rubric', 'pairwise');

-- CreateEnum
CREATE TYPE "queue_item_status" AS ENUM ('pending', 'needs_others', 'complete');

-- CreateEnum
CREATE TYPE "assignment_status" AS ENUM ('reserved', 'submitted', 'released');

-- CreateEnum
CREATE TYPE "rating_status" AS ENUM ('draft', 'submitted');

-- CreateTable
CREATE TABLE "user" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "role" TEXT NOT NULL DEFAULT 'clinician',
    "banned" BOOLEAN DEFAULT false,
    "banReason" TEXT,
    "banExpires" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "userId" TEXT NOT NULL,
    "impersonatedBy" TEXT,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "refreshTokenExpiresAt" TIMESTAMP(3),
    "scope" TEXT,
    "password" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT,
    "action" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "access_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "patient" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT,
    "gender" TEXT,
    "birthDate" TIMESTAMP(3),
    "anchorAge" INTEGER,
    "anchorYear" INTEGER,
    "deathTime" TIMESTAMP(3),
    "demographics" JSONB NOT NULL DEFAULT '{}',
    "importJobId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "patient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "encounter" (
    "id" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "kind" "encounter_kind" NOT NULL,
    "externalId" TEXT NOT NULL,
    "parentId" TEXT,
    "start" TIMESTAMP(3) NOT NULL,
    "end" TIMESTAMP(3),
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "provenance" TEXT NOT NULL,
    "importJobId" TEXT,

    CONSTRAINT "encounter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event" (
    "id" BIGSERIAL NOT NULL,
    "patientId" TEXT NOT NULL,
    "encounterId" TEXT,
    "time" TIMESTAMP(3) NOT NULL,
    "endTime" TIMESTAMP(3),
    "category" "event_category" NOT NULL,
    "sourceTable" TEXT NOT NULL,
    "codeSystem" TEXT,
    "code" TEXT,
    "label" TEXT NOT NULL,
    "valueNum" DOUBLE PRECISION,
    "unit" TEXT,
    "valueText" TEXT,
    "refLow" DOUBLE PRECISION,
    "refHigh" DOUBLE PRECISION,
    "flag" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "provenance" TEXT NOT NULL,
    "importJobId" TEXT,

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "concept" (
    "system" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "attributes" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "concept_pkey" PRIMARY KEY ("system","code")
);

-- CreateTable
CREATE TABLE "import_job" (
    "id" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "sources" JSONB NOT NULL,
    "status" "import_status" NOT NULL DEFAULT 'running',
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "counts" JSONB NOT NULL DEFAULT '{}',
    "rejected" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,

    CONSTRAINT "import_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task" (
    "key" TEXT NOT NULL,
    "group" "task_group" NOT NULL,
    "answerType" "answer_type" NOT NULL,
    "title" TEXT NOT NULL,
    "instruction" TEXT NOT NULL,
    "contextRule" TEXT NOT NULL,
    "sourceTable" TEXT NOT NULL,
    "groundTruth" TEXT NOT NULL,

    CONSTRAINT "task_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "backend" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "backend_kind" NOT NULL,
    "baseUrl" TEXT,
    "model" TEXT,
    "maxContextTokens" INTEGER,
    "timeoutMs" INTEGER,
    "options" JSONB NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "backend_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "prediction_run" (
    "id" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "taskKey" TEXT NOT NULL,
    "backendId" TEXT NOT NULL,
    "modelName" TEXT,
    "cutoff" TIMESTAMP(3) NOT NULL,
    "status" "run_status" NOT NULL DEFAULT 'queued',
    "prompt" TEXT,
    "promptHash" TEXT,
    "promptTokens" INTEGER,
    "dropped" JSONB NOT NULL DEFAULT '{}',
    "reasoning" TEXT NOT NULL DEFAULT '',
    "answer" TEXT NOT NULL DEFAULT '',
    "error" TEXT,
    "finishReason" TEXT,
    "usage" JSONB,
    "probability" DOUBLE PRECISION,
    "createdById" TEXT,
    "batchId" TEXT,
    "retryOfId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "prediction_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "run_chunk" (
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_chunk_pkey" PRIMARY KEY ("runId","seq")
);

-- CreateTable
CREATE TABLE "prediction_item" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "codeSystem" TEXT,
    "code" TEXT,
    "probability" DOUBLE PRECISION,

    CONSTRAINT "prediction_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "run_batch" (
    "id" TEXT NOT NULL,
    "taskKey" TEXT NOT NULL,
    "backendId" TEXT NOT NULL,
    "concurrency" INTEGER NOT NULL DEFAULT 2,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "run_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "queue" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "review_kind" NOT NULL,
    "rubric" JSONB NOT NULL DEFAULT '{}',
    "reviewersPerItem" INTEGER NOT NULL DEFAULT 1,
    "reservationMinutes" INTEGER,
    "hideAfterCutoff" BOOLEAN NOT NULL DEFAULT false,
    "groundTruthAfterRating" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "queue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "queue_member" (
    "queueId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "queue_member_pkey" PRIMARY KEY ("queueId","userId")
);

-- CreateTable
CREATE TABLE "queue_item" (
    "id" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "taskKey" TEXT NOT NULL,
    "cutoff" TIMESTAMP(3) NOT NULL,
    "backendId" TEXT,
    "runId" TEXT,
    "runBId" TEXT,
    "status" "queue_item_status" NOT NULL DEFAULT 'pending',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignment" (
    "id" TEXT NOT NULL,
    "queueItemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" "assignment_status" NOT NULL DEFAULT 'reserved',
    "reservedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rating" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "review_kind" NOT NULL,
    "queueItemId" TEXT,
    "status" "rating_status" NOT NULL DEFAULT 'draft',
    "overall" INTEGER,
    "confidence" INTEGER,
    "items" JSONB NOT NULL DEFAULT '[]',
    "missingItems" JSONB NOT NULL DEFAULT '[]',
    "rubric" JSONB NOT NULL DEFAULT '{}',
    "steps" JSONB NOT NULL DEFAULT '[]',
    "comment" TEXT NOT NULL DEFAULT '',
    "timeSpentMs" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "rating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rating_revision" (
    "id" TEXT NOT NULL,
    "ratingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rating_revision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_key" ON "session"("token");

-- CreateIndex
CREATE INDEX "session_userId_idx" ON "session"("userId");

-- CreateIndex
CREATE INDEX "account_userId_idx" ON "account"("userId");

-- CreateIndex
CREATE INDEX "verification_identifier_idx" ON "verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_tokenHash_key" ON "api_token"("tokenHash");

-- CreateIndex
CREATE INDEX "api_token_userId_idx" ON "api_token"("userId");

-- CreateIndex
CREATE INDEX "access_log_at_idx" ON "access_log"("at");

-- CreateIndex
CREATE INDEX "access_log_userId_at_idx" ON "access_log"("userId", "at");

-- CreateIndex
CREATE INDEX "access_log_resourceType_resourceId_idx" ON "access_log"("resourceType", "resourceId");

-- CreateIndex
CREATE INDEX "patient_externalId_idx" ON "patient"("externalId");

-- CreateIndex
CREATE UNIQUE INDEX "patient_source_externalId_key" ON "patient"("source", "externalId");

-- CreateIndex
CREATE INDEX "encounter_patientId_start_idx" ON "encounter"("patientId", "start");

-- CreateIndex
CREATE UNIQUE INDEX "encounter_patientId_kind_externalId_key" ON "encounter"("patientId", "kind", "externalId");

-- CreateIndex
CREATE INDEX "event_patientId_time_idx" ON "event"("patientId", "time");

-- CreateIndex
CREATE INDEX "event_patientId_category_time_idx" ON "event"("patientId", "category", "time");

-- CreateIndex
CREATE UNIQUE INDEX "event_patientId_provenance_key" ON "event"("patientId", "provenance");

-- CreateIndex
CREATE INDEX "concept_system_label_idx" ON "concept"("system", "label");

-- CreateIndex
CREATE INDEX "prediction_run_patientId_createdAt_idx" ON "prediction_run"("patientId", "createdAt");

-- CreateIndex
CREATE INDEX "prediction_run_status_idx" ON "prediction_run"("status");

-- CreateIndex
CREATE UNIQUE INDEX "prediction_item_runId_rank_key" ON "prediction_item"("runId", "rank");

-- CreateIndex
CREATE INDEX "queue_item_queueId_status_position_idx" ON "queue_item"("queueId", "status", "position");

-- CreateIndex
CREATE INDEX "assignment_userId_status_idx" ON "assignment"("userId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "assignment_queueItemId_userId_key" ON "assignment"("queueItemId", "userId");

-- CreateIndex
CREATE INDEX "rating_queueItemId_idx" ON "rating"("queueItemId");

-- CreateIndex
CREATE UNIQUE INDEX "rating_runId_userId_kind_key" ON "rating"("runId", "userId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "rating_revision_ratingId_version_key" ON "rating_revision"("ratingId", "version");

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patient" ADD CONSTRAINT "patient_importJobId_fkey" FOREIGN KEY ("importJobId") REFERENCES "import_job"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "encounter" ADD CONSTRAINT "encounter_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "encounter" ADD CONSTRAINT "encounter_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "encounter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_encounterId_fkey" FOREIGN KEY ("encounterId") REFERENCES "encounter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_job" ADD CONSTRAINT "import_job_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prediction_run" ADD CONSTRAINT "prediction_run_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prediction_run" ADD CONSTRAINT "prediction_run_taskKey_fkey" FOREIGN KEY ("taskKey") REFERENCES "task"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prediction_run" ADD CONSTRAINT "prediction_run_backendId_fkey" FOREIGN KEY ("backendId") REFERENCES "backend"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prediction_run" ADD CONSTRAINT "prediction_run_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prediction_run" ADD CONSTRAINT "prediction_run_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "run_batch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_chunk" ADD CONSTRAINT "run_chunk_runId_fkey" FOREIGN KEY ("runId") REFERENCES "prediction_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prediction_item" ADD CONSTRAINT "prediction_item_runId_fkey" FOREIGN KEY ("runId") REFERENCES "prediction_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_batch" ADD CONSTRAINT "run_batch_taskKey_fkey" FOREIGN KEY ("taskKey") REFERENCES "task"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_batch" ADD CONSTRAINT "run_batch_backendId_fkey" FOREIGN KEY ("backendId") REFERENCES "backend"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_batch" ADD CONSTRAINT "run_batch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue" ADD CONSTRAINT "queue_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_member" ADD CONSTRAINT "queue_member_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "queue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_member" ADD CONSTRAINT "queue_member_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_item" ADD CONSTRAINT "queue_item_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "queue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_item" ADD CONSTRAINT "queue_item_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_item" ADD CONSTRAINT "queue_item_taskKey_fkey" FOREIGN KEY ("taskKey") REFERENCES "task"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_item" ADD CONSTRAINT "queue_item_backendId_fkey" FOREIGN KEY ("backendId") REFERENCES "backend"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_item" ADD CONSTRAINT "queue_item_runId_fkey" FOREIGN KEY ("runId") REFERENCES "prediction_run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_item" ADD CONSTRAINT "queue_item_runBId_fkey" FOREIGN KEY ("runBId") REFERENCES "prediction_run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_queueItemId_fkey" FOREIGN KEY ("queueItemId") REFERENCES "queue_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rating" ADD CONSTRAINT "rating_runId_fkey" FOREIGN KEY ("runId") REFERENCES "prediction_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rating" ADD CONSTRAINT "rating_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rating" ADD CONSTRAINT "rating_queueItemId_fkey" FOREIGN KEY ("queueItemId") REFERENCES "queue_item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rating_revision" ADD CONSTRAINT "rating_revision_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "rating"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rating_revision" ADD CONSTRAINT "rating_revision_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
