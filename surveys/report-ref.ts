/**
 * Where the questions about the report as a whole live (contact person, use of the Declaration,
 * follow-up, technical-assistance priorities): ids `<instrument>.report.<key>`; answers and
 * stored questions carry it as their paragraph ref. Its own module, free of zod, so that pages
 * can read it without bringing the schema library into the browser.
 */
export const REPORT_REF = "report";
