-- CreateTable
CREATE TABLE "mimic_code_load" (
    "module" TEXT NOT NULL,
    "table_name" TEXT NOT NULL,
    "file_bytes" BIGINT NOT NULL,
    "rows" BIGINT NOT NULL,
    "table_bytes" BIGINT NOT NULL,
    "seconds" DOUBLE PRECISION NOT NULL,
    "loaded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mimic_code_load_pkey" PRIMARY KEY ("module","table_name")
);
