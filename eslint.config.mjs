import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Import boundaries are checked here, not remembered: components never reach the database,
// domain code in lib/ never imports React or Next's UI.
const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "lib/generated/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "pg", message: "Components get data through app/ or the API, never the database." },
            { name: "server-only", message: "A component is never server-only: its data comes from app/." },
          ],
          patterns: [
            {
              group: ["@/lib/db", "**/lib/db", "@/lib/db/*", "**/lib/db/*", "@/lib/generated/prisma/client"],
              message: "Components get data through app/ or the API, never the database.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/api/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "react", message: "lib/ is domain code without React." }],
          patterns: [
            { group: ["@/components/*", "**/components/*"], message: "lib/ must not depend on UI." },
            // lib/api (route table, guard, OpenAPI) stands on every domain; a domain importing it is a loop.
            {
              group: ["@/lib/api/*", "../api/*", "../../api/*", "../../../api/*"],
              message: "Only app/, scripts and e2e import lib/api.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/api/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "react", message: "lib/ is domain code without React." }],
          patterns: [{ group: ["@/components/*", "**/components/*"], message: "lib/ must not depend on UI." }],
        },
      ],
    },
  },
  // Playwright fixtures call `use`, which is not React's hook.
  { files: ["e2e/**/*.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
