import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";

export default async function Home() {
  if (await currentUser()) redirect("/workspace");
  return (
    <main id="content" tabIndex={-1} className="content-target">
      <h1>Rapporteur</h1>
      <p>
        Rapporteurs co-edit the message documents of a conference live; the secretariat publishes frozen, citable versions on
        schedule; participants comment on them.
      </p>
      <p>
        <Link href="/signin">Sign in</Link>
      </p>
    </main>
  );
}
