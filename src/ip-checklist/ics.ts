// RFC 5545 calendars of due dates: one all-day VEVENT per date, with display alarms at the reminder offsets.

export interface CalendarEvent {
  /** Stable across downloads, so a calendar app updates the event instead of adding another. */
  uid: string;
  /** YYYY-MM-DD: deadlines are calendar days. */
  date: string;
  summary: string;
  description: string;
  /** Days before the date at which the calendar should remind; none for an informational date. */
  alarmDaysBefore: number[];
}

/**
 * A TEXT value (RFC 5545 §3.3.11) on one content line: backslash, semicolon and comma escaped; every line break — CRLF, LF
 * or a bare CR, each one break — written as the escape `\n`, so no value can end its line and start a property of its own;
 * the other control characters, which TEXT does not allow, dropped (a tab is kept).
 */
const escapeText = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');

/** Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

const basicDate = (date: string): string => date.replace(/-/g, '');
const nextDay = (date: string): string => {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + 1);
  return at.toISOString().slice(0, 10);
};
const stampOf = (at: Date): string =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export function calendar(name: string, events: CalendarEvent[], stamp: Date): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kolabora//IP deadlines//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  lines.push(`X-WR-CALNAME:${escapeText(name)}`);
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${stampOf(stamp)}`,
      `DTSTART;VALUE=DATE:${basicDate(event.date)}`,
      `DTEND;VALUE=DATE:${basicDate(nextDay(event.date))}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      'TRANSP:TRANSPARENT',
    );
    for (const days of event.alarmDaysBefore) {
      lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `TRIGGER:-P${days}D`, `DESCRIPTION:${escapeText(event.summary)}`, 'END:VALARM');
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
