import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";
import { i18nNamespaces } from "./vite/i18n-namespaces.ts";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig(({ isSsrBuild }) => ({
  server: { port: 3000 },
  build: {
    target: "es2022",
    cssMinify: true,
    // The browser's code through terser (a few kilobytes less than esbuild's minifier on the
    // same bundle: bench:bundle); the server's stays unminified, readable in stack traces.
    ...(isSsrBuild ? {} : { minify: "terser" as const, terserOptions: { ecma: 2020 as const, compress: { passes: 2 } } }),
  },
  // The Remix plugin stays out of Vitest runs (remix-run/remix #8094, #8140).
  // The browser loads only the strings its page's modules name (ADR 009).
  plugins: [!process.env.VITEST && remix(remixConfig), !process.env.VITEST && i18nNamespaces({ root: import.meta.dirname })],
}));
