/**
 * Document JSON ⇄ Yjs.
 *
 * The content lives in the Y.Doc's XmlFragment `default` (Tiptap
 * Collaboration's default field), in the layout of @tiptap/y-tiptap: one
 * Y.XmlElement per node (attributes = node attributes), Y.XmlText for runs of
 * text with marks as formatting attributes.
 *
 * Writing uses y-tiptap's own `prosemirrorJSONToYDoc`, so the editor's
 * binding reads exactly what it would have written. Reading uses a small
 * reader of our own rather than y-tiptap's `yXmlFragmentToProsemirrorJSON`
 * because (a) that helper throws on a Y type it does not expect (a client can
 * put one there) and (b) we need each element's Yjs item id to resolve
 * duplicate ids the way the editors and `normalizeYFragmentIds` do. The raw
 * result then goes through `sanitizeDocument`, so the output is always valid.
 *
 * Reading is deterministic for a given Yjs state: ids are fixed with
 * `planYFragmentIds` (item-id salts) and the nodes the sanitizer has to create
 * (e.g. a message around stray paragraphs) get ids seeded from the state
 * vector. It never modifies the Y.Doc; call `normalizeYFragmentIds` to write
 * the id fixes back (the freeze should, before reading).
 */
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { isValidId, planYFragmentIds, seededIdGenerator } from "./ids";
import { MAX_DEPTH, sanitizeDocument, sanitizeDocumentJson, type SanitizeOptions } from "./sanitize";
import { messageDocumentSchema } from "./schema";
import type { DocumentJson } from "./types";

export const YDOC_FRAGMENT_NAME = "default";

/** The document's fragment in a Y.Doc. */
export function documentFragment(ydoc: Y.Doc): Y.XmlFragment {
  return ydoc.getXmlFragment(YDOC_FRAGMENT_NAME);
}

/** A new Y.Doc holding the (sanitized) document. */
export function documentJsonToYDoc(json: unknown, options: SanitizeOptions = {}): Y.Doc {
  const doc = sanitizeDocument(json, options);
  return prosemirrorJSONToYDoc(messageDocumentSchema, doc.toJSON(), YDOC_FRAGMENT_NAME);
}

/**
 * `Y.encodeStateAsUpdate` of `documentJsonToYDoc(json)`. Typed over a plain
 * ArrayBuffer, as Prisma's `Bytes` fields want.
 */
export function documentJsonToUpdate(json: unknown, options: SanitizeOptions = {}): Uint8Array<ArrayBuffer> {
  const ydoc = documentJsonToYDoc(json, options);
  try {
    return new Uint8Array(Y.encodeStateAsUpdate(ydoc));
  } finally {
    ydoc.destroy();
  }
}

// y-tiptap names the attribute of a mark type that may overlap itself
// "<mark>--<8 chars of hash>"; none of ours does, but accept the form.
const HASHED_MARK_NAME = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

function readYText(text: Y.XmlText): unknown[] {
  const delta = text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[];
  const out: unknown[] = [];
  for (const op of delta) {
    if (typeof op.insert !== "string") continue; // embeds are not part of the schema
    const marks = Object.entries(op.attributes ?? {}).map(([name, attrs]) => ({
      type: HASHED_MARK_NAME.exec(name)?.[1] ?? name,
      attrs,
    }));
    out.push({ type: "text", text: op.insert, marks });
  }
  return out;
}

function readYNode(node: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return null;
  if (node instanceof Y.XmlText) return readYText(node);
  if (node instanceof Y.XmlElement) {
    return {
      type: node.nodeName,
      attrs: node.getAttributes(),
      content: node.toArray().map((child) => readYNode(child, depth + 1)),
    };
  }
  return null; // Y.XmlHook or anything else
}

function hex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

/**
 * The raw (unsanitized) JSON of the fragment with the id fixes of
 * `planYFragmentIds` applied. Mostly for tests and diagnostics.
 */
export function yXmlFragmentToRawJson(fragment: Y.XmlFragment): { type: "doc"; content: unknown[] } {
  const fixes = planYFragmentIds(fragment);
  const content = fragment.toArray().map((child) => {
    const raw = readYNode(child, 1);
    const fixedId = child instanceof Y.XmlElement ? fixes.get(child) : undefined;
    if (fixedId !== undefined && raw && typeof raw === "object" && !Array.isArray(raw)) {
      const node = raw as { type: string; attrs: Record<string, unknown> };
      const attr = node.type === "heading" ? "sectionId" : "messageId";
      const duplicate = isValidId(node.attrs[attr]);
      node.attrs = { ...node.attrs, [attr]: fixedId };
      // As normalizeYFragmentIds does: a duplicate starts without the original's sources.
      if (duplicate) delete node.attrs.sources;
    }
    return raw;
  });
  return { type: "doc", content };
}

/** The document held by a Y.XmlFragment, sanitized through the schema (`sources`: what messages may cite). */
export function yXmlFragmentToDocumentJson(
  fragment: Y.XmlFragment,
  options: Pick<SanitizeOptions, "sources"> = {},
): DocumentJson {
  const seed = fragment.doc ? hex(Y.encodeStateVector(fragment.doc)) : "detached";
  return sanitizeDocumentJson(yXmlFragmentToRawJson(fragment), {
    ...options,
    generateId: seededIdGenerator(`ydoc:${seed}`),
  });
}

/** The document held by a Y.Doc (fragment `default`), sanitized through the schema. */
export function yDocToDocumentJson(ydoc: Y.Doc, options: Pick<SanitizeOptions, "sources"> = {}): DocumentJson {
  return yXmlFragmentToDocumentJson(documentFragment(ydoc), options);
}

/** The document held by a Yjs update (e.g. a stored state). */
export function updateToDocumentJson(update: Uint8Array): DocumentJson {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, update);
    return yDocToDocumentJson(ydoc);
  } finally {
    ydoc.destroy();
  }
}
