// One answer for unknown address, wrong password, revoked and expired members alike.
export const SIGN_IN_REFUSED =
  "That email and password did not let you in. Check them and try again; if your access was revoked or has expired, ask an administrator of your account.";
export const SIGN_IN_THROTTLED = "Too many attempts to sign in. Wait 15 minutes and try again, or reset your password.";

/** A request whose session is over (signed out, ended elsewhere, revoked). */
export const SESSION_ENDED = "Your session has ended. Sign in again to continue.";

/** A request the caller's roles do not allow. */
export const NOT_PERMITTED = "You don't have permission to do that.";
