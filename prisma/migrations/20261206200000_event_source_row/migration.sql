-- The 0-based data row of a MIMIC-IV CSV the event came from: the EHR-R1 prompt keeps rows in file order.
ALTER TABLE "event" ADD COLUMN "sourceRow" INTEGER;
