import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "#app/utils/nonce.ts";
import { documentMarkup } from "#app/utils/markup-once.server.ts";
import { MarkupProvider } from "#app/utils/markup-once.tsx";
import { RESOURCES, getLanguage } from "#app/utils/i18n.server.ts";
import { createTranslate } from "#app/utils/translate.ts";
import { TranslationProvider, translation } from "#app/utils/translation.tsx";

const ABORT_DELAY = 5_000;

/** For the production server (server.ts): recompute the insights' figures after a change, in this build's caches. */
export { warmInsightFigures } from "#app/insights/charts.server.tsx";
// The production autosave door calls it without a web Request (server/autosave-door.ts).
export { autosaveReply } from "#app/reporting/autosave.server.ts";

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const lng = await getLanguage(request);
  // The same translator as the browser's (app/utils/translate.ts), over the page language's
  // strings only, as in the browser (tests/app/locales.test.ts keeps every language complete).
  const t = createTranslate([lng], (lang, ns) => (RESOURCES as Record<string, Record<string, unknown>>)[lang]?.[ns]);
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <MarkupProvider markup={documentMarkup()}>
          <TranslationProvider value={translation(lng, t)}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </TranslationProvider>
        </MarkupProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged; those before it reject above.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
