/**
 * Section and message ids: generation and the id rules.
 *
 * The rules (docs/ARCHITECTURE.md, "The message document"):
 * - every `heading` has a `sectionId` and every `message` a `messageId`; both
 *   kinds share one namespace, so an id is unique in the whole document (it is
 *   also used as an HTML anchor);
 * - a missing or malformed id is replaced by a fresh one;
 * - when an id occurs more than once, one occurrence keeps it (the first in
 *   document order, unless the caller knows which node is the original, see
 *   the editor plugin) and every other occurrence gets a new id.
 *
 * How new ids are made, and why:
 * - A fresh id for a node created locally (a new message, the second half of a
 *   split, a pasted copy) is random (`generateId`): only the author's replica
 *   fixes it, in the same update as the edit, so nobody needs to agree.
 * - A duplicate that arrives through a merge (two people split the same
 *   message at once, both second halves carrying the same new id; a
 *   misbehaving client) is seen by every replica, and each one fixes it. The
 *   new id is therefore *derived* (`deriveId`) from the original id and a
 *   salt that every replica sees alike, so all replicas write the same value:
 *   no flicker, no ping-pong, and the freeze produces the same id as the
 *   editors. The salt is the Yjs item id ("client.clock") of the duplicate's
 *   Y.XmlElement when it is known (editor binding, Y.Doc, freeze): item ids
 *   are never reused, so an id derived from one is not handed out again after
 *   the message is deleted. Without Yjs (plain JSON) the salt is the ordinal
 *   of the duplicate ("#1", "#2", … in document order).
 * - A derived id that happens to be taken already is re-derived with an
 *   attempt counter ("salt/1", "salt/2", …), so the result never collides
 *   with an id present in the document.
 *
 * Browser-safe: uses only `crypto.getRandomValues`, ProseMirror, Tiptap and Yjs.
 */
import { Extension } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Mapping } from "@tiptap/pm/transform";
import type { EditorView } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { DocumentJson, TopLevelJson } from "./types";

/** The node types that carry an id, and the attribute that holds it. */
export const ID_ATTRIBUTES = { heading: "sectionId", message: "messageId" } as const;
export type IdNodeType = keyof typeof ID_ATTRIBUTES;

/** Returns the id attribute name of a node type, or null if it carries none. */
export function idAttributeOf(nodeType: string): "sectionId" | "messageId" | null {
  return Object.prototype.hasOwnProperty.call(ID_ATTRIBUTES, nodeType) ? ID_ATTRIBUTES[nodeType as IdNodeType] : null;
}

/**
 * What we accept as an id coming from outside: URL- and HTML-safe, short.
 * Ids we make ourselves are 12 characters of [a-z0-9] starting with a letter.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const GENERATED_ID_LENGTH = 12;

export function isValidId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const ALPHANUMERIC = LETTERS + "0123456789";

/** A random id: a letter then 11 of [a-z0-9] (about 61 bits). */
export function generateId(): string {
  let out = "";
  while (out.length < GENERATED_ID_LENGTH) {
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(24));
    for (const byte of bytes) {
      if (out.length === GENERATED_ID_LENGTH) break;
      // Rejection sampling keeps the distribution uniform.
      if (out.length === 0) {
        if (byte < 234) out += LETTERS[byte % 26];
      } else if (byte < 252) {
        out += ALPHANUMERIC[byte % 36];
      }
    }
  }
  return out;
}

function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 64-bit (two 32-bit lanes) non-cryptographic hash of a string's UTF-16 units. */
function hash64(input: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x2545f491 ^ input.length;
  for (let i = 0; i < input.length; i++) {
    const unit = input.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul((b + unit) ^ (b >>> 13), 0x9e3779b1);
  }
  const hi = mix32(a ^ Math.imul(b, 0x27d4eb2f));
  const lo = mix32(b ^ hi ^ input.length);
  return [hi, lo];
}

function idFromHash([hi, lo]: [number, number]): string {
  // 26 * 36^5 and 36^6 both fit in 32 bits: six characters from each lane.
  let out = LETTERS[hi % 26];
  let rest = Math.floor(hi / 26);
  for (let i = 0; i < 5; i++) {
    out += ALPHANUMERIC[rest % 36];
    rest = Math.floor(rest / 36);
  }
  rest = lo;
  for (let i = 0; i < 6; i++) {
    out += ALPHANUMERIC[rest % 36];
    rest = Math.floor(rest / 36);
  }
  return out;
}

/**
 * A deterministic id made from a base (usually the duplicated id) and a salt.
 * Same inputs, same output, on every replica. Same format as `generateId`.
 */
export function deriveId(base: string, salt: string): string {
  return idFromHash(hash64(`${base}|${salt}`));
}

/** A deterministic id generator: the n-th call returns deriveId("seed:" + seed, n). */
export function seededIdGenerator(seed: string): () => string {
  let counter = 0;
  return () => deriveId(`seed:${seed}`, String(counter++));
}

/** One id-bearing node, in document order, as seen by `planIds`. */
export interface IdSlot {
  /** The current id (anything: validated here). */
  id: unknown;
  /** Salt shared by all replicas (e.g. the Yjs item id); see the module comment. */
  salt?: string;
  /** This occurrence is known to be the original and should keep its id. */
  preferred?: boolean;
}

export interface IdPlanOptions {
  /**
   * Makes an id for a slot with a missing or malformed id and no salt.
   * Default `generateId` (random). Ignored when `deterministic` is set.
   */
  generateId?: () => string;
  /**
   * Make every new id deterministic: missing ids without a salt are derived
   * from their ordinal among missing ids. Used where several replicas must
   * agree and no salt is available.
   */
  deterministic?: boolean;
  /**
   * Give duplicates `generateId()` ids instead of derived ones. For edits
   * made locally in an editor, where no other replica has to agree and a
   * derived id could be handed out again later (split, delete, split again).
   */
  generateForDuplicates?: boolean;
}

/**
 * Applies the id rules to a list of slots in document order. Returns, per
 * slot, the new id to set or null when the slot keeps its id.
 */
export function planIds(slots: readonly IdSlot[], options: IdPlanOptions = {}): (string | null)[] {
  const taken = new Set<string>();
  const keeper = new Map<string, number>();
  slots.forEach((slot, index) => {
    if (!isValidId(slot.id)) return;
    taken.add(slot.id);
    const current = keeper.get(slot.id);
    if (current === undefined || (slot.preferred && !slots[current].preferred)) {
      keeper.set(slot.id, index);
    }
  });

  const duplicateOrdinal = new Map<string, number>();
  let missingOrdinal = 0;
  const makeRandom = options.generateId ?? generateId;

  const fresh = (make: (attempt: number) => string): string => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const candidate = make(attempt);
      if (isValidId(candidate) && !taken.has(candidate)) {
        taken.add(candidate);
        return candidate;
      }
    }
    throw new Error("could not find an unused id");
  };
  const suffix = (attempt: number) => (attempt === 0 ? "" : `/${attempt}`);

  return slots.map((slot, index) => {
    if (isValidId(slot.id)) {
      if (keeper.get(slot.id) === index) return null;
      const original = slot.id;
      const ordinal = (duplicateOrdinal.get(original) ?? 0) + 1;
      duplicateOrdinal.set(original, ordinal);
      if (options.generateForDuplicates && !options.deterministic && slot.salt === undefined) {
        return fresh(() => makeRandom());
      }
      const salt = slot.salt ?? `#${ordinal}`;
      return fresh((attempt) => deriveId(original, salt + suffix(attempt)));
    }
    missingOrdinal += 1;
    if (slot.salt !== undefined) {
      const salt = slot.salt;
      return fresh((attempt) => deriveId("new", salt + suffix(attempt)));
    }
    if (options.deterministic) {
      const ordinal = missingOrdinal;
      return fresh((attempt) => deriveId("new", `@${ordinal}` + suffix(attempt)));
    }
    return fresh(() => makeRandom());
  });
}

/**
 * The id rules on a (structurally valid) document JSON: returns a copy with
 * missing ids assigned and duplicates resolved (first in document order
 * keeps; later ones get `deriveId(id, "#n")`). Other content is untouched.
 * For arbitrary input use `sanitizeDocumentJson`, which also does this.
 */
export function fixDocumentIds(doc: DocumentJson, options: IdPlanOptions = {}): DocumentJson {
  const content = doc.content ?? [];
  const slotIndex: number[] = [];
  const slots: IdSlot[] = [];
  content.forEach((node, index) => {
    const attr = idAttributeOf(node.type);
    if (!attr) return;
    slotIndex.push(index);
    slots.push({ id: (node as { attrs?: Record<string, unknown> }).attrs?.[attr] });
  });
  const plan = planIds(slots, options);
  const next: TopLevelJson[] = content.slice();
  plan.forEach((newId, i) => {
    if (newId === null) return;
    const node = next[slotIndex[i]];
    const attr = idAttributeOf(node.type)!;
    const attrs: Record<string, unknown> = { ...(node as { attrs?: object }).attrs, [attr]: newId };
    // A duplicate starts without the original's sources.
    if (isValidId(slots[i].id)) delete attrs.sources;
    next[slotIndex[i]] = { ...node, attrs } as TopLevelJson;
  });
  return doc.content === undefined ? { ...doc } : { ...doc, content: next };
}

/** Every id of the document in order, with its node type (for checks and tests). */
export function collectIds(doc: ProseMirrorNode): { type: IdNodeType; id: unknown; pos: number }[] {
  const out: { type: IdNodeType; id: unknown; pos: number }[] = [];
  doc.forEach((node, offset) => {
    const attr = idAttributeOf(node.type.name);
    if (attr) out.push({ type: node.type.name as IdNodeType, id: node.attrs[attr], pos: offset });
  });
  return out;
}

// ---------------------------------------------------------------------------
// Yjs: the same rules on the Y.XmlFragment, with item-id salts.

/** The salt of a Yjs type: its item id, identical on every replica. */
export function yTypeSalt(type: { _item: Y.Item | null } | null | undefined): string | undefined {
  const item = type?._item;
  return item ? `${item.id.client}.${item.id.clock}` : undefined;
}

/**
 * Computes the id fixes of the top-level elements of a Y.XmlFragment (the
 * document's `default` fragment), without changing it.
 */
export function planYFragmentIds(fragment: Y.XmlFragment): Map<Y.XmlElement, string> {
  const elements: { element: Y.XmlElement; attr: string }[] = [];
  for (const child of fragment.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const attr = idAttributeOf(child.nodeName);
    if (attr) elements.push({ element: child, attr });
  }
  const plan = planIds(
    elements.map(({ element, attr }) => ({ id: element.getAttribute(attr), salt: yTypeSalt(element) })),
    { deterministic: true },
  );
  const out = new Map<Y.XmlElement, string>();
  plan.forEach((newId, i) => {
    if (newId !== null) out.set(elements[i].element, newId);
  });
  return out;
}

/**
 * Applies the id rules to a Y.XmlFragment in place (one Yjs transaction).
 * Every replica computes the same values, so running it in several places
 * (the freeze, the server, each editor) converges. Returns how many ids it set.
 */
export function normalizeYFragmentIds(fragment: Y.XmlFragment, origin?: unknown): number {
  const plan = planYFragmentIds(fragment);
  if (plan.size === 0) return 0;
  const apply = () => {
    for (const [element, id] of plan) {
      const attr = idAttributeOf(element.nodeName)!;
      const duplicate = isValidId(element.getAttribute(attr));
      element.setAttribute(attr, id);
      // A duplicate (the second half of a split, a copy) starts without the original's sources.
      if (duplicate && element.getAttribute("sources") != null) element.removeAttribute("sources");
    }
  };
  if (fragment.doc) fragment.doc.transact(apply, origin);
  else apply();
  return plan.size;
}

// ---------------------------------------------------------------------------
// Editor: a ProseMirror plugin that keeps the rules after every change.

export const messageIdsPluginKey = new PluginKey("rapporteurMessageIds");

export interface MessageIdsPluginOptions {
  /** Fresh ids for nodes created locally. Default `generateId`. */
  generateId?: () => string;
  /** Extra guard; the plugin never writes while its view is not editable. */
  isEditable?: (state: EditorState) => boolean;
}

function isRemoteTransaction(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return !!meta?.isChangeOrigin;
}

/** Maps the top-level PM nodes of the y-sync binding back to their Y elements. */
function bindingReverseMapping(state: EditorState): Map<ProseMirrorNode, Y.AbstractType<unknown>> | null {
  const syncState = ySyncPluginKey.getState(state) as
    { binding?: { mapping?: Map<Y.AbstractType<unknown>, unknown> } } | undefined;
  const mapping = syncState?.binding?.mapping;
  if (!(mapping instanceof Map)) return null;
  const reverse = new Map<ProseMirrorNode, Y.AbstractType<unknown>>();
  mapping.forEach((value, type) => {
    if (value && !Array.isArray(value)) reverse.set(value as ProseMirrorNode, type);
  });
  return reverse;
}

/**
 * Works out the transaction that fixes the ids of `newState`, or null.
 * Exported for tests and for callers that drive ProseMirror without a view.
 *
 * - Local changes: the occurrence that the mapping carries over from the old
 *   document keeps the id (split: the first half; copy-paste, even above the
 *   original: the original; cut-and-paste: the only occurrence); other
 *   occurrences and missing ids get random ids.
 * - Remote changes (y-sync transactions): first in document order keeps; new
 *   ids are derived with the Yjs item salt, so every replica agrees. The fix
 *   is not added to the local undo history.
 */
export function idFixTransaction(
  transactions: readonly Transaction[],
  oldState: EditorState,
  newState: EditorState,
  options: MessageIdsPluginOptions = {},
): Transaction | null {
  const slots: (IdSlot & { pos: number; attr: string; node: ProseMirrorNode })[] = [];
  const seen = new Set<string>();
  let problem = false;
  newState.doc.forEach((node, offset) => {
    const attr = idAttributeOf(node.type.name);
    if (!attr) return;
    const id: unknown = node.attrs[attr];
    if (!isValidId(id) || seen.has(id)) problem = true;
    else seen.add(id);
    slots.push({ id, pos: offset, attr, node });
  });
  if (!problem) return null;

  const remote = transactions.some(isRemoteTransaction);
  if (remote) {
    const reverse = bindingReverseMapping(newState);
    if (reverse) {
      for (const slot of slots) slot.salt = yTypeSalt(reverse.get(slot.node));
    }
  } else {
    const mapping = new Mapping();
    for (const tr of transactions) mapping.appendMapping(tr.mapping);
    const survivors = new Set<number>();
    oldState.doc.forEach((node, offset) => {
      const attr = idAttributeOf(node.type.name);
      if (!attr || !isValidId(node.attrs[attr])) return;
      const result = mapping.mapResult(offset, 1);
      if (result.deletedAfter) return;
      const mapped = newState.doc.nodeAt(result.pos);
      if (mapped && mapped.type === node.type && mapped.attrs[attr] === node.attrs[attr]) {
        survivors.add(result.pos);
      }
    });
    for (const slot of slots) slot.preferred = survivors.has(slot.pos);
  }

  const plan = planIds(slots, remote ? { deterministic: true } : { generateId: options.generateId, generateForDuplicates: true });
  const tr = newState.tr;
  plan.forEach((newId, i) => {
    if (newId === null) return;
    tr.setNodeAttribute(slots[i].pos, slots[i].attr, newId);
    // A duplicate (the second half of a split, a copy) starts without the original's sources.
    if (isValidId(slots[i].id) && slots[i].node.attrs.sources != null) tr.setNodeAttribute(slots[i].pos, "sources", null);
  });
  if (!tr.docChanged) return null;
  tr.setMeta(messageIdsPluginKey, { remote });
  if (remote) tr.setMeta("addToHistory", false);
  return tr;
}

/** The ProseMirror plugin enforcing the id rules (see `idFixTransaction`). */
export function messageIdsPlugin(options: MessageIdsPluginOptions = {}): Plugin {
  let view: EditorView | null = null;
  return new Plugin({
    key: messageIdsPluginKey,
    view(editorView) {
      view = editorView;
      return {
        destroy() {
          view = null;
        },
      };
    },
    appendTransaction(transactions, oldState, newState) {
      if (!transactions.some((tr) => tr.docChanged)) return null;
      // A read-only replica (or a y-sync snapshot view) never writes: its
      // changes would not be stored, and an editable replica fixes the same
      // conflict with the same values.
      if (view && !view.editable) return null;
      if (options.isEditable && !options.isEditable(newState)) return null;
      return idFixTransaction(transactions, oldState, newState, options);
    },
  });
}

/** Tiptap wrapper of `messageIdsPlugin`; part of `messageDocumentExtensions`. */
export const MessageIds = Extension.create<{ generateId?: () => string }>({
  name: "messageIds",
  addOptions() {
    return { generateId: undefined };
  },
  addProseMirrorPlugins() {
    return [messageIdsPlugin({ generateId: this.options.generateId })];
  },
});
