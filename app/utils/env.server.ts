import { z } from "zod";

/**
 * TRUST_PROXY is the number of reverse proxies in front of the server (`1` behind one nginx):
 * the client's address is read that many hops from the end of X-Forwarded-For, never from the
 * whole header (a client can write anything at its start).
 */
const TrustProxy = z
  .string()
  .default("0")
  .transform((v, ctx) => {
    if (v === "false") return 0;
    if (/^\d{1,2}$/.test(v)) return Number(v);
    ctx.addIssue({
      code: "custom",
      message: `must be the number of proxies in front of the server (e.g. 1), or false; "${v}" would trust whatever X-Forwarded-For a client sends`,
    });
    return z.NEVER;
  });

/**
 * Workbook imports (F6): how many are read at once, and the limits of each reading worker.
 * Others wait for nothing: they get "busy, try again in a minute".
 */
const ImportSettingsSchema = z.object({
  IMPORT_MAX_CONCURRENT: z.coerce.number().int().min(1).max(64).default(2),
  IMPORT_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  IMPORT_MEMORY_MB: z.coerce.number().int().min(16).max(4096).default(256),
  IMPORT_MAX_ROWS: z.coerce.number().int().min(10).max(1_000_000).default(5_000),
  IMPORT_MAX_COLUMNS: z.coerce.number().int().min(7).max(16_384).default(50),
  IMPORT_MAX_SHARED_STRINGS: z.coerce.number().int().min(10).max(10_000_000).default(50_000),
});
export type ImportSettings = z.infer<typeof ImportSettingsSchema>;

let importCache: { source: Record<string, string | undefined>; key: string; value: ImportSettings } | null = null;

/** The import limits from the environment (checked at boot by initEnv too). */
export function importSettings(source: Record<string, string | undefined> = process.env): ImportSettings {
  const key = Object.keys(ImportSettingsSchema.shape)
    .map((k) => source[k] ?? "")
    .join("|");
  if (importCache && importCache.source === source && importCache.key === key) return importCache.value;
  const parsed = ImportSettingsSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid environment variables:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  importCache = { source, key, value: parsed.data };
  return parsed.data;
}

const EnvSchema = z
  .object({
    ...ImportSettingsSchema.shape,
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_PATH: z.string().min(1).default("./data/kyoto.db"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    TRUST_PROXY: TrustProxy,
    SMTP_URL: z.url().optional(),
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, message: "must be the site's address, e.g. https://reports.example.org" })
      .optional(),
    MAIL_DIR: z.string().min(1).optional(),
    /** Two-factor secrets sealed at rest (AES-256-GCM) when set: 32 bytes, 64 hex digits or base64. */
    TOTP_KEY: z
      .string()
      .optional()
      .refine((v) => !v || /^[0-9a-f]{64}$/i.test(v.trim()) || Buffer.from(v.trim(), "base64").length === 32, {
        message: "must be 32 bytes: 64 hex digits, or base64 (e.g. `openssl rand -base64 32`)",
      }),
    /** Scheduled backups: on when BACKUP_DIR is set (see README, "Backup and restore"). */
    BACKUP_DIR: z
      .string()
      .optional()
      .transform((v) => v || undefined),
    BACKUP_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
    BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(14),
    /** The focal points' daily hand-over digest: the hour (UTC) it goes out; `DIGEST_ENABLED=false` turns it off. */
    DIGEST_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(6),
    DIGEST_ENABLED: z.enum(["true", "false"]).default("true"),
    /** One request per turn of the event loop (server/turns.ts); `off` only to measure without it. */
    REQUEST_TURNS: z.enum(["on", "off"]).default("on"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.PUBLIC_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_URL"],
        message: "is required in production: every link in every e-mail is built from it (e.g. PUBLIC_URL=https://reports.example.org)",
      });
    }
  });
export type Env = z.infer<typeof EnvSchema>;

/** Checks the environment once at boot; a bad value stops the server with a clear message. */
export function initEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment variables:\n${problems}`);
  }
  return parsed.data;
}

/**
 * The origin every link in every e-mail starts with: PUBLIC_URL, or in development
 * `http://localhost:<PORT>`. Never the request's Host or X-Forwarded-Host.
 */
export function publicOrigin(source: Record<string, string | undefined> = process.env): string {
  if (source.PUBLIC_URL) return new URL(source.PUBLIC_URL).origin;
  if (source.NODE_ENV === "production") throw new Error("PUBLIC_URL is not set: links in e-mails cannot be built.");
  return `http://localhost:${source.PORT ?? 3000}`;
}

/** Whether the site is served over https (PUBLIC_URL says so): cookies Secure, HSTS. */
export function publicUrlIsHttps(source: Record<string, string | undefined> = process.env): boolean {
  return (source.PUBLIC_URL ?? "").toLowerCase().startsWith("https:");
}
