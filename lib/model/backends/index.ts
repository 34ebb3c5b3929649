export * from "./backend-errors";
export * from "./load-backends";
export {
  streamChatCompletion,
  chatCompletionBody,
  withThinkingSwitch,
  type StreamChatCompletionInput,
} from "./stream-chat-completion";
export { checkBackendHealth, type BackendHealth } from "./check-backend-health";
export { normalizeBaseUrl, endpointUrl } from "./base-url";
export { yesNoProbability } from "./yes-no-probability";
