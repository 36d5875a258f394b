/**
 * Limits of the comment form, browser-safe and free of zod: the thread component on the
 * questionnaire page reads them without bringing the schema library into the page
 * (the comment is checked on the server with `CommentSchema`, app/review/schemas.ts).
 */
export const MAX_COMMENT = 5000;
