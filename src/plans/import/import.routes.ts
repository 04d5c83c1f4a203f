/** HTTP routes for importing a plan from a task-division table or a plan pack: preview, then commit. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { importCommitInput, importCommitResult, importPreview, importPreviewFields, type ImportPreview } from '../../contracts/plan-import.contract.ts';
import { maxFileBytes, type Upload } from '../../files/index.ts';
import { commonErrors, inTransaction, requireUser, typed } from '../../http/route-kit.ts';
import { AppError, invalidInput, pickLanguage } from '../../kernel/errors.ts';
import { commitImport, draftFromUpload, previewImport } from './import.service.ts';

const tags = ['plans'];
const fieldLimits = { fields: 20, fieldSize: 1000, files: 1, fileSize: maxFileBytes };

/** The language of the answer: Accept-Language first, then the user's choice (as the error handler does). */
function language(request: FastifyRequest): 'zh' | 'en' {
  const header = String(request.headers['accept-language'] ?? '').trim().toLowerCase();
  if (header.startsWith('en')) return 'en';
  if (header.startsWith('zh')) return 'zh';
  return request.sessionUser?.locale === 'en' ? 'en' : 'zh';
}

/** The one file (field `file`) and the text fields of a multipart form, each refusal naming its field. */
async function readForm(request: FastifyRequest): Promise<{ upload: Upload; fields: Record<string, string> }> {
  const refuse = (field: string, zh: string, en: string) => invalidInput(field, { zh, en });
  if (!request.isMultipart()) throw refuse('file', '请以 multipart/form-data 上传一个文件（字段 file）。', 'Upload one file as multipart/form-data (field "file").');
  const fields: Record<string, string> = {};
  let upload: Upload | null = null;
  try {
    for await (const part of request.parts({ limits: fieldLimits })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw refuse(part.fieldname, '文件只能放在字段 file 中。', 'Send the file in the field "file".');
        upload = { fileName: part.filename, bytes: await part.toBuffer() };
      } else {
        if (part.fieldname in fields) throw refuse(part.fieldname, `字段 ${part.fieldname} 重复。`, `The field ${part.fieldname} is given twice.`);
        if (part.valueTruncated) throw refuse(part.fieldname, `字段 ${part.fieldname} 过长。`, `The field ${part.fieldname} is too long.`);
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw refuse('file', `文件不能超过 ${maxFileBytes / 1024 / 1024} MB。`, `A file may not exceed ${maxFileBytes / 1024 / 1024} MB.`);
    if (code === 'FST_FILES_LIMIT') throw refuse('file', '一次只能上传一个文件。', 'Upload one file at a time.');
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw refuse('body', '表单字段过多。', 'Too many form fields.');
    throw error;
  }
  if (!upload || upload.bytes.length === 0) throw refuse('file', '请在字段 file 中上传任务分工表或方案包。', 'Send the task-division table or plan pack in the field "file".');
  return { upload, fields };
}

/** Row and pack problems in the requester's language. */
function localize(preview: ImportPreview, lang: 'zh' | 'en'): ImportPreview {
  return {
    ...preview,
    rowProblems: preview.rowProblems.map((problem) => ({ ...problem, message: pickLanguage(problem.message, lang) })),
    packProblems: preview.packProblems.map((problem) => ({ ...problem, message: pickLanguage(problem.message, lang) })),
  };
}

/** Registers the import routes under /api/plans/import. */
export async function importRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);

  app.post(
    '/api/plans/import/preview',
    {
      schema: {
        tags,
        summary:
          'Preview importing a plan: multipart with one file (.xlsx/.csv task-division table, or .yaml/.yml/.json plan pack) and the fields regionCode, title, docNumber, issuer, leadRule, start, end',
        consumes: ['multipart/form-data'],
        response: { 200: importPreview, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { upload, fields } = await readForm(request);
      const parsed = importPreviewFields.safeParse(fields);
      if (!parsed.success) {
        const [issue] = parsed.error.issues;
        const field = String(issue?.path[0] ?? (issue && 'keys' in issue ? (issue.keys as string[])[0] : 'body'));
        throw invalidInput(field, { zh: `字段 ${field}：${pickLanguage(issue?.message ?? '', 'zh')}`, en: `Field ${field}: ${pickLanguage(issue?.message ?? '', 'en')}` });
      }
      const draft = await draftFromUpload(app.services.db, user, upload, parsed.data);
      return localize(await previewImport(app.services.db, user, draft), language(request));
    },
  );

  app.post(
    '/api/plans/import/commit',
    {
      schema: {
        tags,
        summary: 'Import the previewed plan with a mapping for every unknown unit name (201), or compute what it would create (dryRun, 200)',
        body: importCommitInput,
        response: { 200: importCommitResult, 201: importCommitResult, ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const result = await inTransaction(request, (context) => commitImport(context, user, request.body));
      reply.code(result.dryRun ? 200 : 201);
      return result;
    },
  );
}
