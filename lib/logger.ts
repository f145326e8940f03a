import pino from "pino";

/** JSON logs on stdout, one line per entry. */
export const logger = pino({ level: process.env.LOG_LEVEL ?? "info", base: { app: "rapporteur" } });
