import type { Comment, CommentThread } from "@/lib/generated/prisma/client";

/**
 * What the comment and amendment routes answer after a command: one shape per
 * resource. The full views (with permissions and diffs) are in `read.ts`.
 */
export const presentThread = (thread: CommentThread) => ({
  id: thread.id,
  kind: thread.kind,
  messageId: thread.messageId,
  quote: thread.quote,
  resolved: thread.resolved,
  disposition: thread.disposition,
  reply: thread.dispositionReply,
  proposedText: thread.proposedText,
  newMessage: thread.newMessage,
  appliedText: thread.appliedText,
  appliedAt: thread.appliedAt?.toISOString() ?? null,
  appliedBy: thread.appliedBy,
});

export const presentComment = (comment: Comment) => ({
  id: comment.id,
  threadId: comment.threadId,
  body: comment.deletedAt ? "" : comment.body,
  edited: comment.editedAt !== null,
  deleted: comment.deletedAt !== null,
  hidden: comment.hiddenAt !== null,
});
