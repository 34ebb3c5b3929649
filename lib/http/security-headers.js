// @ts-check
// Security headers for every response (plain JS: next.config.js loads it before any build).
// Next injects small inline scripts for hydration, hence 'unsafe-inline' for scripts;
// 'unsafe-eval' only in development, where React's dev tooling needs it.

/** @param {{ production: boolean, https?: boolean }} options */
export function securityHeaders({ production, https = false }) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "no-referrer" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    // Only when the app is served over TLS (APP_URL https://): HSTS on plain http would
    // lock browsers out of a test install.
    ...(https ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}
