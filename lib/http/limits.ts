// How large a request Roster reads. Its own module, without dependencies: next.config.ts
// imports it, and is compiled on its own, without the app's path aliases.

/** The Server Action body limit: a 5 MB avatar and its form, with room to spare. */
export const ACTION_BODY_LIMIT = 8 * 1024 * 1024;
