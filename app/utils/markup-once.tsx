/**
 * The browser side of markup sent once (app/utils/markup-once.server.ts): a component
 * renders a block of server markup either from the route data (`markup`) or, in a document
 * the server rendered, from a reference: on the server from the request's store, in the
 * browser from the element the server rendered (hydration keeps it; React does not compare
 * `dangerouslySetInnerHTML` when hydrating).
 */
import { createContext, useContext, useState, type ReactNode } from "react";

const MarkupContext = createContext<Map<string, string> | null>(null);

export function MarkupProvider({ markup, children }: { markup: Map<string, string> | null; children: ReactNode }) {
  return <MarkupContext.Provider value={markup}>{children}</MarkupContext.Provider>;
}

/** The markup to render for a block: given, or looked up by reference. */
export function useMarkupOnce(markup: string | undefined, ref: string | undefined): string {
  const store = useContext(MarkupContext);
  // Read once, when the component mounts (hydration): later renders keep it.
  const [fromDom] = useState(() =>
    markup === undefined && ref && !store && typeof document !== "undefined" ? (document.querySelector(`[data-markup-ref="${ref}"]`)?.innerHTML ?? "") : "",
  );
  if (markup !== undefined) return markup;
  if (!ref) return "";
  return store ? (store.get(ref) ?? "") : fromDom;
}
