/**
 * The message document: schema, ids, plain text and offsets, sanitizing,
 * Yjs conversion, outline. Browser-safe throughout (no Node-only imports).
 */
export * from "./types";
export {
  Bold,
  DocumentNode,
  HardBreak,
  Heading,
  Italic,
  MARK_TYPES,
  Message,
  MessageLink,
  NODE_TYPES,
  Paragraph,
  Text,
  messageDocumentExtensions,
  messageDocumentSchema,
} from "./schema";
export {
  GENERATED_ID_LENGTH,
  ID_ATTRIBUTES,
  ID_PATTERN,
  MessageIds,
  collectIds,
  deriveId,
  fixDocumentIds,
  generateId,
  idAttributeOf,
  idFixTransaction,
  isValidId,
  messageIdsPlugin,
  messageIdsPluginKey,
  normalizeYFragmentIds,
  planIds,
  planYFragmentIds,
  seededIdGenerator,
  yTypeSalt,
  type IdNodeType,
  type IdPlanOptions,
  type IdSlot,
  type MessageIdsPluginOptions,
} from "./ids";
export { ALLOWED_LINK_PROTOCOLS, MAX_HREF_LENGTH, isAllowedHref, normalizeHref } from "./links";
export {
  documentPlainText,
  findMessage,
  messagePlainText,
  offsetToPosition,
  paragraphJsonPlainText,
  paragraphPlainText,
  positionToOffset,
} from "./text";
export {
  MAX_DEPTH,
  cleanText,
  isValidDocumentJson,
  sanitizeDocument,
  sanitizeDocumentJson,
  type SanitizeOptions,
} from "./sanitize";
export {
  YDOC_FRAGMENT_NAME,
  documentFragment,
  documentJsonToUpdate,
  documentJsonToYDoc,
  updateToDocumentJson,
  yDocToDocumentJson,
  yXmlFragmentToDocumentJson,
  yXmlFragmentToRawJson,
} from "./ydoc";
export {
  MAX_SOURCES,
  addSource,
  catalogOf,
  formatSources,
  parseSources,
  removeSource,
  sanitizeSources,
  type SourceCatalog,
  type SourceRef,
} from "./sources";
export { documentOutline, type DocumentOutline, type OutlineMessage, type OutlineSection } from "./outline";
export { buildDocument, text, type DocumentSpec, type MessageSpec, type ParagraphSpec, type SectionSpec } from "./build";
