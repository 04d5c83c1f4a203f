/**
 * Registry imports over HTTP: a multipart upload (fields `kind`, `regionCode`, optionally `id`, then the
 * file) read as a stream straight into the importer, and a poll for progress. The upload answers when the
 * import has ended, committed or refused with its problems by row and column; a client that chose the
 * `id` polls `GET /api/registry/imports/:id` meanwhile.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registryImportKinds } from '../contracts/registry-constants.ts';
import { registryImport } from '../contracts/registry.contract.ts';
import { regionCode } from '../contracts/org.contract.ts';
import { invalidInput } from '../kernel/errors.ts';
import { commonErrors, requireUser, typed } from '../http/route-kit.ts';
import { getImport, importRegistryFile } from './import/import.service.ts';
import { tableFormatOf } from './import/table-stream.ts';

/** The largest file an upload may carry: a million rows of persons as CSV is about 80 MB. */
const maxImportBytes = 512 * 1024 * 1024;

const importFields = z.strictObject({ kind: z.enum(registryImportKinds), regionCode, id: z.uuid().optional() });

/** Registers the import routes. */
export async function registryImportRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);

  app.post(
    '/api/registry/imports',
    {
      schema: {
        tags: ['registry'],
        summary: 'Import persons, enterprises or employment spells from xlsx or csv, all-or-nothing',
        consumes: ['multipart/form-data'],
        response: { 200: registryImport, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!request.isMultipart()) throw invalidInput('file', { zh: '请以 multipart/form-data 上传文件（字段 file）。', en: 'Upload the file as multipart/form-data (field "file").' });
      const fields: Record<string, string> = {};
      for await (const part of request.parts({ limits: { fileSize: maxImportBytes, files: 1 } })) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value).slice(0, 100);
          continue;
        }
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw invalidInput('file', { zh: '请在字段 file 中上传文件。', en: 'Send the file in the field "file".' });
        }
        const parsed = importFields.safeParse(fields);
        if (!parsed.success) {
          part.file.resume();
          const issue = parsed.error.issues[0];
          throw invalidInput(String(issue?.path[0] ?? 'kind'), {
            zh: '请在文件之前给出 kind（persons、enterprises 或 employment）和 regionCode。',
            en: 'Send kind (persons, enterprises or employment) and regionCode before the file.',
          });
        }
        let format;
        try {
          format = tableFormatOf(part.filename);
        } catch (error) {
          part.file.resume();
          throw error;
        }
        return importRegistryFile(
          app.services.db,
          { actor: user, audit: { id: user.userId, name: user.username }, userId: user.userId, now: app.services.clock },
          { kind: parsed.data.kind, regionCode: parsed.data.regionCode, importId: parsed.data.id, fileName: part.filename, format, source: part.file },
        ).finally(() => part.file.resume());
      }
      throw invalidInput('file', { zh: '请在字段 file 中上传文件。', en: 'Send the file in the field "file".' });
    },
  );

  app.get(
    '/api/registry/imports/:id',
    { schema: { tags: ['registry'], summary: 'An import and its progress', params: z.strictObject({ id: z.uuid() }), response: { 200: registryImport, ...commonErrors } } },
    async (request) => getImport(app.services.db, requireUser(request), request.params.id),
  );
}
