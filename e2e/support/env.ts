/** Ports of the end-to-end run: fixed, and apart from `npm start`'s (3000, 1234, 54329). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3917);
/** Where browsers reach the collaboration server: a TCP proxy the tests can cut (see global-setup). */
export const E2E_COLLAB_PORT = Number(process.env.E2E_COLLAB_PORT ?? 3918);
/** The collaboration server itself, behind that proxy. */
export const E2E_COLLAB_SERVER_PORT = E2E_COLLAB_PORT + 1;
/** A tiny HTTP endpoint of the test runner: POST /cut and /restore to cut the proxy. */
export const E2E_PROXY_CONTROL_PORT = E2E_COLLAB_PORT + 2;
export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? 54349);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
/** The tests' own Next build folder, shared with the start-up test of the unit suite. */
export const TEST_DIST_DIR = ".next-test";
/** Mail the app sent during the run, one JSON object a line (see global-setup). */
export const E2E_MAIL_FILE = ".data/e2e-mail.jsonl";
