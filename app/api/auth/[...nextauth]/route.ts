import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth 4 types its app-router handler loosely (any); this is the shape Next calls.
const handler = NextAuth(authOptions) as (
  request: Request,
  context: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

export { handler as GET, handler as POST };
