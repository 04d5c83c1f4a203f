/**
 * Which uploads are accepted: documents and images a report or a piece of evidence needs, recognised by
 * their first bytes rather than by the name or the browser's claim, within a size limit.
 */

/** The largest file accepted, in bytes (10 MiB). */
export const maxFileBytes = 10 * 1024 * 1024;

/** An accepted kind of file. */
export interface FileKind {
  contentType: string;
  extensions: string[];
}

const zipBased: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((value, index) => bytes[index] === value);
}

function extensionOf(fileName: string): string {
  return fileName.toLowerCase().split('.').at(-1) ?? '';
}

/**
 * The content type of an upload when it is an accepted kind whose bytes match its extension: PDF, PNG,
 * JPEG, Office Open XML (docx, xlsx, pptx), CSV or plain text. Null otherwise.
 */
export function detectFileType(fileName: string, bytes: Uint8Array): string | null {
  const extension = extensionOf(fileName);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return extension === 'pdf' ? 'application/pdf' : null;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return extension === 'png' ? 'image/png' : null;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return ['jpg', 'jpeg'].includes(extension) ? 'image/jpeg' : null;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipBased[extension] ?? null;
  if (['csv', 'txt'].includes(extension) && isText(bytes)) return extension === 'csv' ? 'text/csv' : 'text/plain';
  return null;
}

/** True when the bytes decode as UTF-8 text without control characters other than tab and line breaks. */
function isText(bytes: Uint8Array): boolean {
  try {
    // Only the head is checked; `stream: true` lets the cut fall inside a multi-byte character (a Chinese
    // name at byte 65,536) without that half character counting as invalid UTF-8.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024), { stream: bytes.length > 64 * 1024 });
    return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text);
  } catch {
    return false;
  }
}

/** A file name safe to store and to send back: no folders, no control characters, at most 200 chars. */
export function safeFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).at(-1) ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_').trim();
  return (cleaned || 'file').slice(-200);
}
