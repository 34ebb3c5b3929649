-- Blind review: the baseline's stored reasoning no longer names its predictor (issue 18, bug 9).
-- New baseline runs are written without the banner and the "(baseline, not EHR-R1)" aside;
-- this rewrites runs stored before, in the reasoning text and in the stream's chunks (whose
-- data is the text as JSON, so a line break is the two characters \n there). The run page
-- still names the baseline wherever the backend may be shown.
UPDATE "prediction_run"
SET "reasoning" = replace(
      replace("reasoning",
              E'> Computed by the built-in baseline (baseline, not EHR-R1): counts and a hand-set score, no language model.\n\n',
              ''),
      'This predictor (baseline, not EHR-R1)', 'This predictor')
WHERE "backendId" IN (SELECT "id" FROM "backend" WHERE "kind" = 'baseline');

UPDATE "run_chunk"
SET "data" = replace(
      replace(
        replace("data",
                '> Computed by the built-in baseline (baseline, not EHR-R1): counts and a hand-set score, no language model.\n\n',
                ''),
        '> Computed by the built-in baseline (baseline, not EHR-R1): counts and a hand-set score, no language model.',
        ''),
      'This predictor (baseline, not EHR-R1)', 'This predictor')
WHERE "kind" = 'reasoning'
  AND "runId" IN (SELECT r."id" FROM "prediction_run" r JOIN "backend" b ON b."id" = r."backendId" WHERE b."kind" = 'baseline');
