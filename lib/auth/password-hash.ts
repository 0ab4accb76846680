import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id minimum, spelled out so a library default change cannot weaken it.
const PARAMS = {
  // 2 is Algorithm.Argon2id (a const enum, which isolated modules cannot read).
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

let dummy: Promise<string> | undefined;
function throwawayHash(): Promise<string> {
  dummy ??= hashPassword("no user has this password; timing only");
  return dummy;
}

/**
 * Verifies against the stored hash, or against a throwaway hash when there is none, so an
 * unknown address costs the same time as a wrong password.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  const target = storedHash ?? (await throwawayHash());
  try {
    const ok = await verify(target, password);
    return ok && Boolean(storedHash);
  } catch {
    return false;
  }
}
