export * from "./baseline-input";
export { predictBaseline, runBaseline } from "./run-baseline";
export { predictItems } from "./predict-items";
export { predictRisk, BASE_RATES } from "./predict-risk";
