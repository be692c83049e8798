import { sendJson } from './api.client.ts';
import type { ImportChoices, ImportPreview, ImportResult } from './imports.types.ts';
import { uploadFile, type UploadProgress } from './upload.client.ts';

/** Uploads a survey file for a dry run; nothing is written to the poles until commitImport. */
export function previewImport(file: File, choices: ImportChoices, onProgress?: UploadProgress, signal?: AbortSignal): Promise<ImportPreview> {
  const fields: Record<string, string> = {};
  // Unchosen pickers are left out rather than sent as "auto": the server then detects.
  if (choices.format) fields.format = choices.format;
  if (choices.encoding) fields.encoding = choices.encoding;
  if (choices.crs) fields.crs = choices.crs;
  if (choices.lngColumn) fields.lng_column = choices.lngColumn;
  if (choices.latColumn) fields.lat_column = choices.latColumn;
  return uploadFile<ImportPreview>('/api/imports/preview', 'file', file, onProgress, signal, fields);
}

export async function commitImport(id: number, skipErrors: boolean): Promise<ImportResult> {
  return (await sendJson<ImportResult>('POST', `/api/imports/${encodeURIComponent(id)}/commit`, { skip_errors: skipErrors })).body;
}
