import Link from "next/link";
import { notFound } from "next/navigation";
import { DocumentView } from "@/components/DocumentView";
import { pageUser } from "@/lib/auth/page";
import { db } from "@/lib/db";
import { loadDraftJson } from "@/lib/drafts/store";
import { documentAccess } from "@/lib/permissions";

export default async function DocumentPage({ params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  const user = await pageUser(`/workspace/documents/${documentId}`);
  // Access is checked on the server before anything of the document is rendered.
  const access = await documentAccess(user, documentId);
  if (access.mode === "none") {
    if (access.reason === "No such document.") notFound();
    return (
      <main>
        <h1>Not available</h1>
        <p className="notice error" data-testid="access-refused">
          {access.reason}
        </p>
      </main>
    );
  }
  const document = await db().document.findUniqueOrThrow({
    where: { id: documentId },
    include: { theme: { include: { event: true } } },
  });
  const content = await loadDraftJson(documentId);
  return (
    <main>
      <p className="small">
        <Link href={`/workspace/events/${document.theme.event.slug}`}>← {document.theme.event.name}</Link>
      </p>
      <h1>{document.title}</h1>
      <p className="notice" data-testid="document-mode">
        {access.mode === "write"
          ? "Live draft. Co-editing arrives with the collaboration server; for now the draft is shown read-only."
          : `Read-only: ${access.reason}`}
      </p>
      <DocumentView doc={content} />
    </main>
  );
}
