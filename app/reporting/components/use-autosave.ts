import { useCallback, useEffect, useRef, useState } from "react";

export type AutosaveStatus = "idle" | "dirty" | "saving" | "saved" | "retrying" | "problem";

export interface AutosaveResult {
  revisions: Record<string, number>;
  errors: Record<string, { key: string; params?: Record<string, string | number> }>;
  conflicts: { key: string; theirs: unknown; theirRevision: number; updatedAt: string; updatedByName: string | null; mine: unknown }[];
  savedAt: string;
  changed: string[];
}

const DEBOUNCE_MS = 1200;
const MAX_BACKOFF_MS = 30_000;

/**
 * Saves the form as the user types: debounced, one request at a time (the next one waits for
 * the revisions the last one returned), retried with back-off after a network failure, and a
 * warning before leaving with unsaved changes. Revisions are written into the form's hidden
 * `rev.<key>` inputs, so a plain submit afterwards carries them too.
 */
export function useAutosave(formRef: React.RefObject<HTMLFormElement | null>, url: string, enabled: boolean, onResult: (r: AutosaveResult) => void) {
  const [status, setStatus] = useState<AutosaveStatus>("idle");
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const edits = useRef(0);
  const inFlight = useRef(false);
  const pending = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const backoff = useRef(2000);
  const onResultRef = useRef(onResult);
  onResultRef.current = onResult;

  const save = useCallback(async () => {
    const form = formRef.current;
    if (!form) return;
    if (inFlight.current) {
      pending.current = true;
      return;
    }
    inFlight.current = true;
    const sentAtEdit = edits.current;
    setStatus("saving");
    const body = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === "string" && k !== "intent") body.append(k, v);
    body.set("intent", "autosave");
    let retry = false;
    try {
      const res = await fetch(url, { method: "POST", body, headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (res.status >= 500) throw new Error(`HTTP ${res.status}`);
      const json = (await res.json()) as AutosaveResult & { message?: string };
      if (!json.revisions) {
        setStatus("problem");
      } else {
        for (const [key, rev] of Object.entries(json.revisions)) {
          const input = form.elements.namedItem(`rev.${key}`);
          if (input instanceof HTMLInputElement) input.value = String(rev);
        }
        onResultRef.current(json);
        backoff.current = 2000;
        setSavedAt(json.savedAt);
        const clean = Object.keys(json.errors).length === 0 && json.conflicts.length === 0;
        setStatus(clean ? (edits.current === sentAtEdit ? "saved" : "dirty") : "problem");
        if (clean && edits.current === sentAtEdit) form.dataset.dirty = "";
      }
    } catch {
      retry = true;
      setStatus("retrying");
    } finally {
      inFlight.current = false;
    }
    if (retry) {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), backoff.current);
      backoff.current = Math.min(backoff.current * 2, MAX_BACKOFF_MS);
    } else if (pending.current || edits.current !== sentAtEdit) {
      pending.current = false;
      void save();
    }
  }, [formRef, url]);

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
  }, [save]);

  useEffect(() => {
    const form = formRef.current;
    if (!form || !enabled) return;
    const onEdit = (e: Event) => {
      if (e.target instanceof HTMLElement && e.target.closest("[data-no-autosave]")) return;
      edits.current++;
      form.dataset.dirty = "true";
      setStatus("dirty");
      schedule();
    };
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (form.dataset.dirty === "true" || inFlight.current) {
        e.preventDefault();
        e.returnValue = "";
      }
    };
    const onSubmit = () => {
      // A plain save takes over: nothing left for autosave to do.
      clearTimeout(timer.current);
      form.dataset.dirty = "";
    };
    form.addEventListener("input", onEdit);
    form.addEventListener("change", onEdit);
    form.addEventListener("submit", onSubmit);
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      form.removeEventListener("input", onEdit);
      form.removeEventListener("change", onEdit);
      form.removeEventListener("submit", onSubmit);
      window.removeEventListener("beforeunload", beforeUnload);
      clearTimeout(timer.current);
    };
  }, [formRef, enabled, schedule]);

  return { status, savedAt, saveNow: save };
}
