const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern for "contains `text`": `%`, `_` and `\` typed by a person are literal characters, not wildcards. */
export const containsPattern = (text: string) => `%${escapeLike(text)}%`;

/** A LIKE pattern for "starts with `text`". */
export const prefixPattern = (text: string) => `${escapeLike(text)}%`;
