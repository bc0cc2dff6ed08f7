/** One JSON line per event, to stdout/stderr (Workers logs and Node both collect these). */
export type Log = (level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;

export const consoleLog: Log = (level, msg, data) => {
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...data });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
};

/** For tests that want silence but still see errors when they happen. */
export const quietLog: Log = (level, msg, data) => {
  if (level === 'error') consoleLog(level, msg, data);
};
