/**
 * For `npm run bench:bundle` only: the project's vite.config.ts with `build.manifest: true`,
 * so the build keeps Vite's client manifest (the Remix plugin then moves it to
 * build/.vite/client-manifest.json). The bundles themselves are the same as `npm run build`'s.
 */
import { defineConfig, mergeConfig, type ConfigEnv } from "vite";
import base from "../../vite.config.ts";

export default defineConfig((env: ConfigEnv) => mergeConfig(base(env), { build: { manifest: true } }));
