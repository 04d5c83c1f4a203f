/** Reading the one file of a multipart upload, with refusals that name the form field. */
import type { FastifyRequest } from 'fastify';
import { AppError, invalidInput } from '../kernel/errors.ts';

/** A file as received: its name as the client gave it, and its bytes. */
export interface ReceivedFile {
  fileName: string;
  bytes: Buffer;
}

/** Reads the one file sent in the multipart field `file`, refusing anything else with 400 naming `file`. */
export async function readSingleUpload(request: FastifyRequest, limitBytes: number): Promise<ReceivedFile> {
  const refuse = (zh: string, en: string) => invalidInput('file', { zh, en });
  if (!request.isMultipart()) throw refuse('请以 multipart/form-data 上传一个文件（字段 file）。', 'Upload one file as multipart/form-data (field "file").');
  const megabytes = limitBytes / 1024 / 1024;
  try {
    const part = await request.file();
    if (!part || part.fieldname !== 'file') throw refuse('请在字段 file 中上传一个文件。', 'Send one file in the field "file".');
    return { fileName: part.filename, bytes: await part.toBuffer() };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw refuse(`文件不能超过 ${megabytes} MB。`, `A file may not exceed ${megabytes} MB.`);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw refuse('一次只能上传一个文件。', 'Upload one file at a time.');
    if (code?.startsWith('FST_')) throw refuse('上传的内容无法读取，请重新上传。', 'The upload could not be read; send it again.');
    throw error;
  }
}
