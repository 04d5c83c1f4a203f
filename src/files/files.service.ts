/** Storing and reading uploaded files. Authorization belongs to the domain that links a file to a record. */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { invalidInput, notFound, unprocessable } from '../kernel/errors.ts';
import type { WriteContext } from '../store/audit.ts';
import type { Database } from '../store/tables.ts';
import { detectFileType, maxFileBytes, safeFileName } from './file-types.ts';

/** An upload as the route received it. */
export interface Upload {
  fileName: string;
  bytes: Buffer;
}

/** Checks and stores an upload; returns its id. `field` names the form field in refusals. */
export async function storeUpload(context: WriteContext, upload: Upload, options: { regionCode: string | null; field?: string }): Promise<string> {
  const field = options.field ?? 'file';
  if (upload.bytes.length === 0) throw invalidInput(field, { zh: '文件为空。', en: 'The file is empty.' });
  if (upload.bytes.length > maxFileBytes) {
    throw invalidInput(field, { zh: '文件不能超过 10 MB。', en: 'A file may not exceed 10 MB.' });
  }
  const fileName = safeFileName(upload.fileName);
  const contentType = detectFileType(fileName, upload.bytes);
  if (!contentType) {
    throw unprocessable(field, {
      zh: `不支持的文件类型：${fileName}。可上传 PDF、Word、Excel、PowerPoint、图片（PNG/JPEG）或 CSV。`,
      en: `Unsupported file type: ${fileName}. Upload PDF, Word, Excel, PowerPoint, PNG/JPEG images or CSV.`,
    });
  }
  const { id } = await context.db
    .insertInto('stored_file')
    .values({
      file_name: fileName,
      content_type: contentType,
      size_bytes: upload.bytes.length,
      sha256: createHash('sha256').update(upload.bytes).digest('hex'),
      content: upload.bytes,
      region_code: options.regionCode,
      uploaded_by: context.actor.id,
      uploaded_at: context.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A stored file's metadata (without its content). */
export async function describeFile(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('stored_file')
    .select(['id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'uploaded_at', 'uploaded_by'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A stored file with its content, for download after the owning domain has authorized it. */
export async function readStoredFile(db: Kysely<Database>, id: string) {
  const file = await db.selectFrom('stored_file').selectAll().where('id', '=', id).executeTakeFirst();
  if (!file) throw notFound({ zh: '文件', en: 'File' });
  return file;
}
