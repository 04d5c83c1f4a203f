/** Files: accepting, storing and reading uploads; the owning domain decides who may read them. */
export { storeUpload, describeFile, readStoredFile, type Upload } from './files.service.ts';
export { detectFileType, maxFileBytes, safeFileName } from './file-types.ts';
export { streamXlsxSheets, decodeUtf8Chunks, type XlsxRow, type XlsxSheet } from './xlsx-stream.ts';
export { csvRecords, decodeText } from './csv-text.ts';
