declare module "virtual:i18n-namespaces" {
  export function pageLanguage(): string;
  export function ensureNamespaces(namespaces: string[]): Promise<void>;
  export function isMissing(namespace: string): boolean;
  export function loadedStrings(lang: string): Record<string, Record<string, unknown>>;
  export function onNamespaceLoaded(listener: (lang: string, ns: string, strings: Record<string, unknown>) => void): void;
}
