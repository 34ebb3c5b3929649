// A value `npm test` puts in server-only settings while building, so the client-bundle
// test can prove none of them reaches the browser.
export const BUILD_CANARY = "canary-7f3a9c2e-server-only";
