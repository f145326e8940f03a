import { config } from "@/lib/config";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { endSession } from "@/lib/auth/revoke";
import { signInWithPassword, SignInError } from "@/lib/auth/signin";
import { logger } from "@/lib/logger";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string };
    sessionVersion: number;
    /** This session's id (the token's `sid`): signing out revokes it. */
    sessionId: string | null;
  }
  interface User {
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    /** The session's id, minted at sign-in and kept by every renewal: signing out revokes it (lib/auth/revoke.ts). */
    sid?: string;
  }
}

/**
 * The client's address. scripts/serve-app.ts replaced whatever X-Forwarded-For
 * the client sent with the socket's peer (or, with TRUST_PROXY, the address the
 * trusted proxies recorded), so this header is ours, not the client's.
 */
function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const value = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return value?.trim() || "local";
}

/**
 * next-auth with e-mail and password only, JWT sessions. The token carries the
 * user's session version; `currentUser` compares it with the database at every
 * request, so a password reset or "sign out everywhere" ends older sessions.
 */
export const authOptions: NextAuthOptions = {
  get secret() {
    return config().NEXTAUTH_SECRET;
  },
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        if (!credentials?.email || !credentials.password) throw new Error("Enter your e-mail address and password.");
        try {
          const user = await signInWithPassword(credentials.email, credentials.password, clientAddress(request?.headers));
          return user;
        } catch (error) {
          if (error instanceof SignInError) throw new Error(error.message);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion;
        token.sid = randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      session.user = { id: token.uid ?? "", name: token.name ?? "", email: token.email ?? "" };
      session.sessionVersion = token.sv ?? 0;
      session.sessionId = token.sid ?? null;
      return session;
    },
  },
  events: {
    // Signing out ends the session on the server too: the cookie may have been copied, or the browser is shared.
    async signOut({ token }) {
      await endSession(token).catch((error: unknown) => logger.error({ err: error }, "revoking a signed-out session failed"));
    },
  },
};
