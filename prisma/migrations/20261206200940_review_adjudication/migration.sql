-- CreateTable
CREATE TABLE "adjudication" (
    "id" TEXT NOT NULL,
    "queueItemId" TEXT NOT NULL,
    "criterion" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "decidedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "adjudication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "adjudication_queueItemId_criterion_key" ON "adjudication"("queueItemId", "criterion");

-- AddForeignKey
ALTER TABLE "adjudication" ADD CONSTRAINT "adjudication_queueItemId_fkey" FOREIGN KEY ("queueItemId") REFERENCES "queue_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "adjudication" ADD CONSTRAINT "adjudication_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
