import { redirect } from "next/navigation";
import { currentUser, type CurrentUser } from "@/lib/auth/session";

/** For pages: the signed-in user, or a redirect to sign-in that comes back here. */
export async function pageUser(path: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  return user;
}
