import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export interface PortNeed {
  port: number;
  /** What would listen there ("the app"). */
  name: string;
  /** The variable that changes it. */
  variable: string;
  /** How to tell that a Rapporteur holds it. */
  ours: () => Promise<boolean>;
}

/** Whether something already listens on the port (binding every IPv4 address collides with any listener). */
export function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(true));
    probe.listen({ port, host: "0.0.0.0", exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

/** Whether `url` answers as a Rapporteur health check (`{"service": "rapporteur"}`) within a second. */
export async function answersAsRapporteur(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    const body = (await response.json()) as { service?: unknown };
    return body.service === "rapporteur";
  } catch {
    return false;
  }
}

/** Whether the embedded cluster in `databaseDir` has a running postmaster. */
export function clusterRunning(databaseDir: string): boolean {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The sentence that stops start-up when a port it needs is taken (naming the
 * port and, where it can tell, that another Rapporteur holds it), or null.
 */
export async function portConflict(needs: PortNeed[]): Promise<string | null> {
  for (const need of needs) {
    if (!(await portTaken(need.port))) continue;
    const holder = (await need.ours()) ? "another Rapporteur, which is still running: stop it first" : "another program: stop it";
    return `Port ${need.port} (${need.name}) is already in use by ${holder}, or set ${need.variable} to a free port.`;
  }
  return null;
}
