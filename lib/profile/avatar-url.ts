/** Where a profile image is served; the hash names this very image, so the URL may be cached for good. Null: show initials. */
export function avatarUrl(userId: string, avatarHash: string | null): string | null {
  return avatarHash ? `/avatars/${userId}/${avatarHash}` : null;
}
