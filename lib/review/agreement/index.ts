// Inter-rater agreement statistics for clinicians' ratings of model predictions. Pure
// functions, no dependencies, so they run the same in API routes, scripts and the browser.
export type { KappaWeights, Level, Rating, RatingMatrix, Value } from "./types";
export { isMissing } from "./values";
export { percentAgreement, type PercentAgreement } from "./percent-agreement";
export {
  cohenKappa,
  cohenKappaFromTable,
  cohenKappaMatrix,
  kappaFromAgreement,
  kappaWeightMatrix,
  type CohenKappa,
  type CohenKappaMatrix,
  type CohenOptions,
  type TableKappa,
} from "./cohen";
export { fleissKappa, fleissKappaFromCounts, type FleissKappa, type FleissOptions } from "./fleiss";
export { krippendorffAlpha, type KrippendorffAlpha, type KrippendorffOptions } from "./krippendorff";
export { bootstrapCI, quantile, type BootstrapInterval, type BootstrapOptions } from "./bootstrap";
export { mulberry32 } from "./prng";
export { agreementWithReference, type AgreementWithReference, type ReferenceAgreement } from "./reference";
