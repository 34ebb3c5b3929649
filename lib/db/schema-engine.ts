// Prisma's own schema engine, in its WebAssembly build, driven through the pg driver
// adapter: applies and diffs migrations with no native binary and no download, so an
// air-gapped hospital can migrate. See docs/decisions/002-offline-migrations.md.
import "server-only";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import {
  ColumnTypeEnum,
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";
import { parse as parseConnectionString } from "pg-connection-string";

import { MIGRATIONS_DIR, SCHEMA_PATH, committedMigrations, readMigration } from "./migration-files";

export { MIGRATIONS_DIR, committedMigrations };

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

type WasmGlue = {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: { new: (options: unknown, log: (line: string) => void, adapter: unknown) => Promise<Engine> };
};

let gluePromise: Promise<WasmGlue> | undefined;
let lastPanic: string | undefined;

// The wasm build reports a Rust panic's message through this global before it throws.
(globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY: object }).PRISMA_WASM_PANIC_REGISTRY = {
  set_message: (message: string) => {
    lastPanic = message;
  },
};

async function loadGlue(): Promise<WasmGlue> {
  gluePromise ??= (async () => {
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as WasmGlue &
      Record<string, unknown>;
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return gluePromise;
}

/**
 * A pg config object, not a connection string: the adapter's shadow database is made by
 * overriding `database`, which a connection string would silently win over.
 */
function pgConfig(url: string) {
  const parsed = parseConnectionString(url);
  return {
    host: parsed.host ?? "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: parsed.user,
    password: parsed.password,
    database: parsed.database ?? undefined,
    ssl: parsed.ssl ? (parsed.ssl as object | boolean) : undefined,
  };
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number; name: string }[] };

// Marks a "char" column's name so the adapter wrapper below can restore its type.
const CHAR_MARK = "\u0001char";

function charAsText<T>(result: T): T {
  for (const field of (result as QueryResultLike)?.fields ?? []) {
    if (field.dataTypeID === PG_CHAR_OID) {
      field.dataTypeID = PG_TEXT_OID;
      field.name += CHAR_MARK;
    }
  }
  return result;
}

function restoreCharColumnsIn<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    result.columnNames.forEach((name, i) => {
      if (name.endsWith(CHAR_MARK)) {
        result.columnNames[i] = name.slice(0, -CHAR_MARK.length);
        result.columnTypes[i] = ColumnTypeEnum.Character;
      }
    });
    return result;
  };
  return queryable;
}

/**
 * The adapter and every transaction it opens get their "char" columns restored; scripts
 * run whole (see wholeScripts).
 */
function restoreCharColumns<T extends SqlDriverAdapter & { underlyingDriver(): pg.Pool }>(adapter: T): T {
  restoreCharColumnsIn(adapter);
  wholeScripts(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => restoreCharColumnsIn(await startTransaction(...args));
  return adapter;
}

/**
 * adapter-pg 7.10 runs a migration script by splitting it at every ";", which breaks
 * dollar-quoted function bodies (our append-only trigger). PostgreSQL's simple query
 * protocol takes the whole script at once, as the native engine sends it.
 */
function wholeScripts(adapter: SqlDriverAdapter & { underlyingDriver(): pg.Pool }) {
  adapter.executeScript = async (script) => {
    await adapter.underlyingDriver().query(script);
  };
}

/**
 * The engine's introspection reads catalog columns of PostgreSQL's one-byte "char" type,
 * which adapter-pg 7.10 does not map ("Column type 'char' could not be deserialized").
 * The client announces them as text with a marked name; restoreCharColumns turns them back
 * into the Character columns the engine expects.
 */
class CatalogClient extends pg.Client {
  // pg's query() has many overloads (promise and callback); both paths are patched.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => last(error, charAsText(result));
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    return (returned instanceof Promise ? returned.then(charAsText) : returned) as never;
  }
}

/**
 * PrismaPg's own shadow database drops the database while its pool still holds idle
 * connections, whose termination then crashes the process as an unhandled pool error.
 * This one ends the pool first and then drops the database.
 */
class MigrationAdapterFactory extends PrismaPg {
  private readonly opened: SqlDriverAdapter[] = [];

  constructor(private readonly pgOptions: pg.PoolConfig) {
    super({ ...pgOptions, Client: CatalogClient });
  }

  override async connect() {
    const adapter = restoreCharColumns(await super.connect());
    this.opened.push(adapter);
    return adapter;
  }

  /** The engine's free() leaves pools open; an idle connection would pin the database. */
  async disposeAll(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((adapter) => adapter.dispose()));
  }

  override async connectToShadowDb() {
    const database = `prisma_migrate_shadow_db_${crypto.randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client(this.pgOptions);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const pool = new pg.Pool({ ...this.pgOptions, database, Client: CatalogClient });
    pool.on("error", () => {});
    const adapter = restoreCharColumns(await new PrismaPg(pool).connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await pool.end();
      const dropper = new pg.Client(this.pgOptions);
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await dropper.end();
    };
    return adapter;
  }
}

async function withEngine<T>(url: string, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const glue = await loadGlue();
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  const factory = new MigrationAdapterFactory(pgConfig(url));
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await glue.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => {}, adapter);
  try {
    return await fn(engine);
  } catch (error) {
    if (lastPanic) throw new Error(`schema engine: ${lastPanic}`, { cause: error });
    throw error;
  } finally {
    engine.free();
    await factory.disposeAll();
  }
}

function migrationsList() {
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    // Paths relative to baseDir: the engine records `path` verbatim as migration_name,
    // and `prisma migrate deploy` records the bare folder name.
    migrationDirectories: committedMigrations().map((name) => ({
      path: name,
      migrationFile: { path: path.join(name, "migration.sql"), content: { tag: "ok", value: readMigration(name) } },
    })),
  };
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Apply every committed migration not yet recorded in `_prisma_migrations`. */
export async function applyMigrations(url: string): Promise<string[]> {
  return withEngine(url, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: migrationsList(), filters: NO_FILTERS });
    return result.appliedMigrationNames;
  });
}

/**
 * SQL that takes a database built from the committed migrations to `schema.prisma`;
 * empty when they agree. Replays the migrations in a throwaway shadow database on `url`'s server.
 */
export async function diffMigrationsToSchema(url: string): Promise<string> {
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  const list = migrationsList();
  return withEngine(url, async (engine) => {
    const result = await engine.diff({
      from: list.migrationDirectories.length ? { tag: "migrations", ...list } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      shadowDatabaseUrl: null,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return (result.stdout ?? "").trim();
  });
}

/** True when the SQL is only the engine's "-- This is an empty migration." marker. */
export function isEmptyMigration(sql: string): boolean {
  return sql.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));
}
