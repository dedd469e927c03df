import { createReadStream } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The byte range a `Range: bytes=…` header asks for, clamped to the file; 'invalid' when it cannot be served. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges, or another unit: serve the whole file, as RFC 9110 allows.
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return 'invalid';
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'invalid';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'invalid';
  return { start, end };
}

/**
 * Sends a file with its length, an ETag and range support, so that an interrupted download
 * resumes where it stopped (`Range: bytes=N-`) instead of starting over.
 */
export function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: { path: string; size: number; sha256: string; downloadName?: string },
): FastifyReply {
  const etag = `"${file.sha256}"`;
  reply.header('accept-ranges', 'bytes').header('etag', etag).header('content-type', 'application/octet-stream');
  if (file.downloadName) reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.downloadName)}`);
  const ifRange = request.headers['if-range'];
  const range = ifRange === undefined || ifRange === etag ? parseRange(request.headers.range, file.size) : null;
  if (range === 'invalid') {
    return reply.status(416).header('content-range', `bytes */${file.size}`).send();
  }
  if (range === null) {
    reply.header('content-length', file.size);
    return reply.send(file.size === 0 ? '' : createReadStream(file.path));
  }
  reply
    .status(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
    .header('content-length', range.end - range.start + 1);
  return reply.send(createReadStream(file.path, { start: range.start, end: range.end }));
}
