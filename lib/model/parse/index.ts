export * from "./split-reasoning";
export * from "./split-steps";
export * from "./parse-answer";
export * from "./match-items";
