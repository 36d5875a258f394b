export * from "./instruments";
export * from "./questionnaire-versions";
export * from "./member-states";
export * from "./users";
export * from "./cycles";
export * from "./reports";
export * from "./audit-events";
export * from "./auth";
