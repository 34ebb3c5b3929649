-- AlterTable
ALTER TABLE "queue" ADD COLUMN     "guidelines" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "queue_flag" (
    "id" TEXT NOT NULL,
    "queueItemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,

    CONSTRAINT "queue_flag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "queue_flag_queueItemId_createdAt_idx" ON "queue_flag"("queueItemId", "createdAt");

-- AddForeignKey
ALTER TABLE "queue_flag" ADD CONSTRAINT "queue_flag_queueItemId_fkey" FOREIGN KEY ("queueItemId") REFERENCES "queue_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_flag" ADD CONSTRAINT "queue_flag_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_flag" ADD CONSTRAINT "queue_flag_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
