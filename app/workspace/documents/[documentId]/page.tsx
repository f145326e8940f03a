import { headers } from "next/headers";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { DocumentView } from "@/components/DocumentView";
import { DocumentEditor } from "@/components/draft-editor/DocumentEditor";
import { PublicationNotice } from "@/components/draft-editor/PublicationNotice";
import { collabUrlFor } from "@/lib/http/security-headers";
import { publicationNotice } from "@/lib/publishing/notice";
import { pageUser } from "@/lib/auth/page";
import { loadDraftJson } from "@/lib/drafts/store";
import { documentWithEvent } from "@/lib/drafts/views";
import { allows, documentAccess, subjectFor } from "@/lib/permissions";

export default async function DocumentPage({ params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  const user = await pageUser(`/workspace/documents/${documentId}`);
  // Access is checked on the server before anything of the document is rendered.
  const access = await documentAccess(user, documentId);
  if (access.mode === "none") {
    if (access.code === "not_found") notFound();
    forbidden();
  }
  const document = await documentWithEvent(documentId);
  const content = await loadDraftJson(documentId);
  const event = document.theme.event;
  const notice = await publicationNotice(documentId);
  const subject = await subjectFor(user, event.id);
  const reviewsComments = allows("comments.review", subject, { participantsWatchDrafts: event.participantsWatchDrafts });
  return (
    <main className={reviewsComments ? "wide" : undefined}>
      <p className="small">
        <Link href={`/workspace/events/${document.theme.event.slug}`}>← {document.theme.event.name}</Link>
      </p>
      <h1>{document.title}</h1>
      <PublicationNotice documentId={documentId} timeZone={event.timeZone} next={notice.next} lastFrozen={notice.lastFrozen} />
      <DocumentEditor
        documentId={documentId}
        collabUrl={collabUrlFor((await headers()).get("host"))}
        user={{ id: user.id, name: user.name }}
        initialMode={access.mode}
        readOnlyReason={access.mode === "read" ? access.reason : ""}
        final={access.mode === "read" && access.final}
        comments={reviewsComments}
        language={document.theme.language}
        fallback={<DocumentView doc={content} lang={document.theme.language} />}
      />
    </main>
  );
}
