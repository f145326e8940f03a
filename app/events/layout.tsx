import Link from "next/link";
import type { ReactNode } from "react";

/** Public pages: no sign-in needed. */
export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="site">
        <Link className="brand" href="/">
          Rapporteur
        </Link>
        <nav aria-label="Site">
          <Link href="/workspace">Workspace</Link>
        </nav>
      </header>
      <div id="content" tabIndex={-1} className="content-target">
        {children}
      </div>
    </>
  );
}
