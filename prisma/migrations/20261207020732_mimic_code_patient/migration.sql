-- CreateTable
CREATE TABLE "mimic_code_patient" (
    "patientId" TEXT NOT NULL,
    "materializedAt" TIMESTAMP(3),
    "events" INTEGER,
    "ms" INTEGER,

    CONSTRAINT "mimic_code_patient_pkey" PRIMARY KEY ("patientId")
);

-- AddForeignKey
ALTER TABLE "mimic_code_patient" ADD CONSTRAINT "mimic_code_patient_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;
