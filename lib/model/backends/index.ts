export * from "./backend-errors";
export * from "./load-backends";
export { streamChatCompletion, completionRequest, type StreamChatCompletionInput } from "./stream-chat-completion";
export { checkBackendHealth, type BackendHealth } from "./check-backend-health";
export { normalizeBaseUrl, endpointUrl } from "./base-url";
export { forcedAnswerProbability, yesNoLogitBias } from "./yes-no-probability";
export * from "./thinking-mode";
export { tokenizeOnBackend } from "./tokenize-on-backend";
