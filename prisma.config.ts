import { defineConfig } from "prisma/config";

// Only `prisma generate` uses the CLI; migrations go through scripts/db-migrate.ts
// (Prisma's WebAssembly schema engine), so no datasource URL is needed here.
export default defineConfig({
  schema: "prisma/schema.prisma",
});
