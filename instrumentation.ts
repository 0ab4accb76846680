/** Runs once when a server process starts; the work is Node-only, in lib/boot.ts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") (await import("./lib/boot")).boot();
}
