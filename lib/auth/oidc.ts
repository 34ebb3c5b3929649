// OpenID Connect sign-in settings, readable from server components without loading auth.
export const OIDC_PROVIDER_ID = "oidc";

export function isOidcConfigured(): boolean {
  return Boolean(process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID);
}

export function oidcDisplayName(): string {
  return process.env.OIDC_NAME ?? "hospital sign-in";
}
