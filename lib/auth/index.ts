import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { endSession } from "@/db/mutations/sessions";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { requestInfoFrom } from "@/lib/http/request-info";
import { signInSchema } from "@/lib/validation/auth";
import { validateSession } from "./session";
import { attemptSignIn } from "./sign-in";

export class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session {
    sessionId: string;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  // The public origin is configuration (APP_URL), never taken from a request's Host header.
  trustHost: true,
  session: {
    strategy: "jwt",
    // The cookie's life is the absolute limit; the idle limit is enforced on the session row.
    maxAge: env().SESSION_MAX_HOURS * 60 * 60,
  },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, accountId: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse({
          email: raw.email,
          password: raw.password,
          accountId: raw.accountId || undefined,
        });
        if (!parsed.success) return null;
        const { email, password, accountId } = parsed.data;
        const result = await attemptSignIn(getDb(), { email, password }, requestInfoFrom(request.headers), accountId);
        if (!result.ok) {
          if (result.reason === "throttled") throw new ThrottledSignIn();
          return null;
        }
        return { id: result.userId, email: result.email, name: result.name, sessionId: result.sessionId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.sessionId) return { sub: user.id, sid: user.sessionId };
      // Every request: the session row and the membership decide, not the cookie.
      if (!token.sid || !(await validateSession(token.sid))) return null;
      return token;
    },
    session({ session, token }) {
      return { ...session, sessionId: token.sid ?? "" };
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (sid) {
        await endSession(getDb(), sid, "signed_out");
        log("info", "authn_logout", { sessionId: sid });
      }
    },
  },
  logger: {
    // Auth.js logs whole error objects; keep its noise to a line without request data.
    error: (error) => {
      const type = (error as { type?: string }).type;
      // Failed sign-ins are already logged, with their cause, by attemptSignIn.
      if (type !== "CredentialsSignin") log("warn", "authjs_error", { name: error.name, type });
    },
    warn: (code) => log("warn", "authjs_warning", { code }),
    debug: () => {},
  },
}));
