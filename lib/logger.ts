import { config } from "@/lib/config";
import pino from "pino";

/** LOG_LEVEL, or "info" while the configuration is invalid (the process is about to say why and stop). */
function logLevel(): string {
  try {
    return config().LOG_LEVEL;
  } catch {
    return "info";
  }
}

/** JSON logs on stdout, one line per entry. */
export const logger = pino({ level: logLevel(), base: { app: "rapporteur" } });
