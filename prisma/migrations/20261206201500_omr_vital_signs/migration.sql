-- MIMIC-IV OMR rows that are vital signs (blood pressure, weight, height, BMI) belong under
-- Vitals, as the importer now files them (lib/ehr/mimic-iv/tables.ts, OMR_VITAL_SIGN); other
-- OMR results (eGFR) stay observations. Data only: the schema does not change.
UPDATE "event"
SET "category" = 'vital'
WHERE "sourceTable" = 'omr'
  AND "category" = 'observation'
  AND "label" ~* '^(blood pressure|weight|height|bmi)\M';
