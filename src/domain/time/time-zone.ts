/** True for names the runtime's IANA database knows (Europe/Berlin, UTC, ...); false for offsets like "+02:00" or typos. */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
