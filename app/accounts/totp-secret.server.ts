/**
 * Two-factor secrets at rest. With TOTP_KEY set (32 bytes, as 64 hex digits or base64), each
 * secret is stored sealed with AES-256-GCM: `enc:v1:<iv>.<tag>.<ciphertext>` (base64url), bound
 * to its user by the additional data, so a sealed secret copied onto another account does not
 * open. A secret stored in clear before the key was set is sealed the first time it is used.
 * Without TOTP_KEY secrets are stored as they always were (in clear); a sealed secret then
 * cannot be read, and the error says why.
 */
import crypto from "node:crypto";

const PREFIX = "enc:v1:";

let cached: { raw: string; key: Buffer } | null = null;

/** The key from TOTP_KEY, or null when it is not set. Throws on a key of the wrong size. */
export function totpKey(source: Record<string, string | undefined> = process.env): Buffer | null {
  const raw = source.TOTP_KEY?.trim();
  if (!raw) return null;
  if (cached?.raw === raw) return cached.key;
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length !== 32) throw new Error("TOTP_KEY must be 32 bytes: 64 hex digits, or base64 (e.g. `openssl rand -base64 32`).");
  cached = { raw, key };
  return key;
}

const aad = (userId: number) => Buffer.from(`kyoto:user_totp:${userId}`, "utf8");

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** The form to store: sealed when a key is configured, else the secret itself. */
export function sealTotpSecret(secret: string, userId: number, key: Buffer | null = totpKey()): string {
  if (!key) return secret;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(userId));
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `${PREFIX}${iv.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}.${ciphertext.toString("base64url")}`;
}

/** The secret of a stored value; `reseal` is the value to store instead, when it is in clear and a key is set. */
export function openTotpSecret(stored: string, userId: number, key: Buffer | null = totpKey()): { secret: string; reseal: string | null } {
  if (!isSealed(stored)) return { secret: stored, reseal: key ? sealTotpSecret(stored, userId, key) : null };
  if (!key) throw new Error("Two-factor secrets are stored encrypted but TOTP_KEY is not set: set the key they were sealed with.");
  const [iv, tag, ciphertext] = stored.slice(PREFIX.length).split(".");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv ?? "", "base64url"));
    decipher.setAAD(aad(userId));
    decipher.setAuthTag(Buffer.from(tag ?? "", "base64url"));
    return { secret: Buffer.concat([decipher.update(Buffer.from(ciphertext ?? "", "base64url")), decipher.final()]).toString("utf8"), reseal: null };
  } catch {
    throw new Error(`The two-factor secret of user ${userId} does not open with TOTP_KEY: is it the key the secrets were sealed with?`);
  }
}
