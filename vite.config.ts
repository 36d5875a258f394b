import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: { port: 3000 },
  build: { target: "es2022", cssMinify: true },
  // The Remix plugin stays out of Vitest runs (remix-run/remix #8094, #8140).
  plugins: [!process.env.VITEST && remix(remixConfig)],
});
