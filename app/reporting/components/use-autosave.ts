import { useCallback, useEffect, useRef, useState } from "react";
import type { FieldError, SaveConflict } from "#app/reporting/answer-values.ts";

export interface AutosaveResult {
  revisions: Record<string, number>;
  errors: Record<string, FieldError>;
  conflicts: SaveConflict[];
  savedAt: string;
  changed: string[];
  /** Answers the server cleared because the paragraph is not applicable. */
  cleared?: string[];
}

/** What a save came to: saved; refused (an invalid answer or a conflict: the user must act); failed (network or server). */
export type SaveOutcome = "saved" | "refused" | "failed";

/**
 * The page's ONE save state. `saved` with a time, `saving` (a save is pending or on its way),
 * `refused` (an answer is invalid or conflicts), `failed` (the connection or the server failed;
 * `reason` says which, and a retry is scheduled).
 */
export type AutosaveState =
  | { kind: "idle" }
  | { kind: "saved"; at: string | null }
  | { kind: "saving" }
  | { kind: "refused"; reason: "invalid" | "conflict" }
  | { kind: "failed"; reason: "offline" | "server"; message?: string };

const DEBOUNCE_MS = 800;
const MAX_BACKOFF_MS = 30_000;

function formBody(form: HTMLFormElement, intent: string): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (typeof v === "string" && k !== "intent") body.append(k, v);
  body.set("intent", intent);
  return body;
}

/**
 * Saves the paragraph form as the user types: debounced, one request at a time (each one
 * carries the revisions the last one returned), retried with back-off after a failure.
 *
 * `flush()` saves whatever is pending now and says how it went; the page calls it before every
 * way out (links, buttons, other forms). When the page goes away anyway (tab closed, back
 * button), what is still unsaved is sent with `fetch(..., { keepalive: true })` (or
 * `sendBeacon`). The browser's "Leave site?" prompt appears only when something is unsaved and
 * cannot be saved (refused or failed).
 */
export function useAutosave(
  formRef: React.RefObject<HTMLFormElement | null>,
  url: string,
  enabled: boolean,
  onResult: (r: AutosaveResult) => void,
  initialSavedAt: string | null = null,
) {
  const [state, setState] = useState<AutosaveState>(initialSavedAt ? { kind: "saved", at: initialSavedAt } : { kind: "idle" });
  /** Edits made so far, and the edit count and outcome of the last save that came back. */
  const edits = useRef(0);
  const settled = useRef<{ edit: number; outcome: SaveOutcome }>({ edit: 0, outcome: "saved" });
  const chain = useRef<Promise<SaveOutcome>>(Promise.resolve("saved"));
  const inFlight = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const backoff = useRef(2000);
  const onResultRef = useRef(onResult);
  onResultRef.current = onResult;
  const lastSavedAt = useRef<string | null>(initialSavedAt);
  /** The user chose to leave without saving (after a failure): no second prompt. */
  const abandoned = useRef(false);

  const unsaved = useCallback(() => edits.current !== settled.current.edit || settled.current.outcome !== "saved" || inFlight.current > 0, []);

  const saveOnce = useCallback(async (): Promise<SaveOutcome> => {
    const form = formRef.current;
    if (!form) return "saved";
    const sentAt = edits.current;
    inFlight.current++;
    setState({ kind: "saving" });
    let outcome: SaveOutcome;
    try {
      const res = await fetch(url, { method: "POST", body: formBody(form, "autosave"), headers: { Accept: "application/json" }, credentials: "same-origin" });
      const json = (await res.json().catch(() => ({}))) as Partial<AutosaveResult> & { message?: string };
      if (!json.revisions || !json.errors || !json.conflicts) {
        outcome = "failed";
        setState({ kind: "failed", reason: "server", message: json.message });
      } else {
        for (const [key, rev] of Object.entries(json.revisions)) {
          const input = form.elements.namedItem(`rev.${key}`);
          if (input instanceof HTMLInputElement) input.value = String(rev);
        }
        onResultRef.current(json as AutosaveResult);
        backoff.current = 2000;
        if (json.conflicts.length > 0) {
          outcome = "refused";
          setState({ kind: "refused", reason: "conflict" });
        } else if (Object.keys(json.errors).length > 0) {
          outcome = "refused";
          setState({ kind: "refused", reason: "invalid" });
        } else {
          outcome = "saved";
          lastSavedAt.current = json.savedAt ?? lastSavedAt.current;
          setState(edits.current === sentAt ? { kind: "saved", at: lastSavedAt.current } : { kind: "saving" });
        }
      }
    } catch {
      outcome = "failed";
      setState({ kind: "failed", reason: "offline" });
    } finally {
      inFlight.current--;
    }
    settled.current = { edit: sentAt, outcome };
    return outcome;
  }, [formRef, url]);

  /** Saves if anything changed since the last save (one request at a time). */
  const save = useCallback((): Promise<SaveOutcome> => {
    const next = chain.current.then(() => {
      if (edits.current === settled.current.edit && settled.current.outcome !== "failed") {
        if (settled.current.outcome === "saved") setState({ kind: "saved", at: lastSavedAt.current });
        return settled.current.outcome;
      }
      return saveOnce();
    });
    chain.current = next.catch(() => "failed" as const);
    void next.then((outcome) => {
      if (outcome === "failed") {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void save(), backoff.current);
        backoff.current = Math.min(backoff.current * 2, MAX_BACKOFF_MS);
      } else if (edits.current !== settled.current.edit && inFlight.current === 0) {
        // Typed while the request was on its way: save that too (debounced).
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
      }
    });
    return next;
  }, [saveOnce]);

  /** Save what is pending now, without waiting for the debounce. */
  const flush = useCallback((): Promise<SaveOutcome> => {
    clearTimeout(timer.current);
    return save();
  }, [save]);

  /** Save now even if nothing was typed (after resolving a conflict, the revisions changed). */
  const saveNow = useCallback((): Promise<SaveOutcome> => {
    edits.current++;
    return flush();
  }, [flush]);

  useEffect(() => {
    const form = formRef.current;
    if (!form || !enabled) return;
    const onEdit = (e: Event) => {
      if (e.target instanceof HTMLElement && e.target.closest("[data-no-autosave]")) return;
      edits.current++;
      setState({ kind: "saving" });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
    };
    // The page goes away with edits not yet sent: send them anyway.
    const sendPending = () => {
      if (edits.current === settled.current.edit && settled.current.outcome !== "failed") return;
      if (inFlight.current > 0 && edits.current === settled.current.edit) return;
      clearTimeout(timer.current);
      const body = formBody(form, "autosave");
      let sent = false;
      try {
        void fetch(url, { method: "POST", body, keepalive: true, credentials: "same-origin", headers: { Accept: "application/json" } }).catch(() => undefined);
        sent = true;
      } catch {
        sent = false;
      }
      if (!sent && typeof navigator.sendBeacon === "function") navigator.sendBeacon(url, body);
      settled.current = { edit: edits.current, outcome: "saved" };
    };
    const beforeUnload = (e: BeforeUnloadEvent) => {
      // Only what cannot be saved: a refused answer, or a failed connection.
      if (!abandoned.current && settled.current.outcome !== "saved") {
        e.preventDefault();
        e.returnValue = "";
      }
    };
    form.addEventListener("input", onEdit);
    form.addEventListener("change", onEdit);
    window.addEventListener("pagehide", sendPending);
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      form.removeEventListener("input", onEdit);
      form.removeEventListener("change", onEdit);
      window.removeEventListener("pagehide", sendPending);
      window.removeEventListener("beforeunload", beforeUnload);
      // Leaving the page inside the app (e.g. the back button) unmounts it: send what is pending.
      sendPending();
      clearTimeout(timer.current);
    };
  }, [formRef, enabled, save, url]);

  /** Show what a plain form post (no autosave) came back with. */
  const setFromServer = useCallback((r: AutosaveResult) => {
    if (r.conflicts.length > 0) setState({ kind: "refused", reason: "conflict" });
    else if (Object.keys(r.errors).length > 0) setState({ kind: "refused", reason: "invalid" });
    else {
      lastSavedAt.current = r.savedAt;
      setState({ kind: "saved", at: r.savedAt });
    }
  }, []);

  const abandon = useCallback(() => {
    abandoned.current = true;
    clearTimeout(timer.current);
  }, []);

  return { state, flush, saveNow, unsaved, setFromServer, abandon };
}

/**
 * Every way out of the page saves first. Clicks on links (anywhere on the page: breadcrumbs,
 * the header, the pager) and submissions of other forms (language, sign out) wait while
 * `flush()` saves what is pending; then the navigation goes on. A refused answer keeps the user
 * on the page with its error (`onRefused`); a failed save asks whether to leave anyway.
 */
export function useSaveBeforeLeaving(
  formRef: React.RefObject<HTMLFormElement | null>,
  enabled: boolean,
  autosave: Pick<ReturnType<typeof useAutosave>, "flush" | "unsaved" | "abandon">,
  go: (to: string) => void,
  onRefused: () => void,
  confirmLeave: () => boolean,
) {
  const latest = useRef({ autosave, go, onRefused, confirmLeave });
  latest.current = { autosave, go, onRefused, confirmLeave };

  const leave = useCallback(async (proceed: () => void) => {
    const { autosave: a, onRefused: refused, confirmLeave: confirm } = latest.current;
    const outcome = await a.flush();
    if (outcome === "saved") proceed();
    else if (outcome === "refused") refused();
    else if (confirm()) {
      a.abandon();
      proceed();
    }
  }, []);

  useEffect(() => {
    if (!enabled) return;
    const bypass = new WeakSet<HTMLFormElement>();
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>("a[href]") : null;
      if (!a || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
      const url = new URL(a.href, window.location.href);
      const here = window.location;
      // A link within the page (the error summary's, a skip link) is not a way out.
      if (url.origin === here.origin && url.pathname === here.pathname && url.search === here.search && url.hash) return;
      if (!latest.current.autosave.unsaved()) return;
      e.preventDefault();
      void leave(() => (url.origin === here.origin ? latest.current.go(url.pathname + url.search + url.hash) : window.location.assign(url.href)));
    };
    const onSubmit = (e: SubmitEvent) => {
      const other = e.target;
      if (!(other instanceof HTMLFormElement) || other === formRef.current || bypass.has(other)) return;
      if (!latest.current.autosave.unsaved()) return;
      e.preventDefault();
      const submitter = e.submitter instanceof HTMLElement ? e.submitter : null;
      void leave(() => {
        bypass.add(other);
        try {
          other.requestSubmit(submitter ?? undefined);
        } finally {
          bypass.delete(other);
        }
      });
    };
    window.addEventListener("click", onClick, true);
    window.addEventListener("submit", onSubmit, true);
    return () => {
      window.removeEventListener("click", onClick, true);
      window.removeEventListener("submit", onSubmit, true);
    };
  }, [enabled, formRef, leave]);

  return leave;
}
