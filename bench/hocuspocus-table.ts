export const HOCUSPOCUS_TABLE = "bench_hocuspocus_documents";
