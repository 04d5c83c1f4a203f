/** Turns the contacts form rows into what the server accepts: trimmed, with empty optional fields left out. */
import type { Contact } from '../../types.ts';

/** Drops empty optional fields so the server sees absent values rather than empty strings. */
export function cleanContacts(rows: Contact[] | undefined): Contact[] {
  return (rows ?? []).map((row) => {
    const contact: Contact = { name: (row.name ?? '').trim() };
    for (const key of ['title', 'phone', 'email'] as const) {
      const value = row[key]?.trim();
      if (value) contact[key] = value;
    }
    return contact;
  });
}
