import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

export interface HighlightRange {
  threadId: string;
  from: number;
  to: number;
  active: boolean;
}

export const commentHighlightKey = new PluginKey<DecorationSet>("commentHighlights");

/** Fired by the keyboard shortcut; the comment panel listens and opens a new thread on the selection. */
export const START_COMMENT_EVENT = "rapporteur:start-comment";

/**
 * Highlights the words of live-draft threads. The ranges are computed from
 * the threads' Yjs anchors by the comment panel and handed over in a
 * transaction's meta; in between, the highlights move with the edits.
 */
export const CommentHighlights = Extension.create({
  name: "commentHighlights",
  addKeyboardShortcuts() {
    return {
      "Mod-Alt-c": () => {
        window.dispatchEvent(new Event(START_COMMENT_EVENT));
        return true;
      },
    };
  },
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: commentHighlightKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, previous) {
            const ranges = tr.getMeta(commentHighlightKey) as HighlightRange[] | undefined;
            if (!ranges) return previous.map(tr.mapping, tr.doc);
            return DecorationSet.create(
              tr.doc,
              ranges.map((r) =>
                Decoration.inline(r.from, r.to, {
                  class: r.active ? "comment-anchor active" : "comment-anchor",
                  "data-thread-id": r.threadId,
                }),
              ),
            );
          },
        },
        props: {
          decorations: (state) => commentHighlightKey.getState(state),
        },
      }),
    ];
  },
});
