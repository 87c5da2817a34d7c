import { sha256Hex } from "../lib/hash.ts";
import type { IngestRecord } from "../../schemas/normalized-article.ts";
import { detectEncoding } from "./detect-encoding.ts";

export type AcceptedFile = IngestRecord & { status: "accepted"; text: string };

export interface RejectedFile {
  status: "rejected";
  source_file: string;
  reason: string;
}

/** Share of bytes that are control characters other than tab and newlines: a binary file's signature. */
function controlShare(bytes: Uint8Array): number {
  let control = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x1b) control++;
  }
  return bytes.length === 0 ? 0 : control / bytes.length;
}

const MIN_SCORE = 0.3;

/** Decides, from the bytes alone, whether a file is an article; the id depends on the decoded text only. */
export function classifyFile(sourceFile: string, bytes: Uint8Array): AcceptedFile | RejectedFile {
  const reject = (reason: string): RejectedFile => ({ status: "rejected", source_file: sourceFile, reason });
  if (bytes.length === 0) return reject("empty file");
  const hasBom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!hasBom && controlShare(bytes) > 0.01) return reject("binary content (control bytes)");
  const decoded = detectEncoding(bytes);
  if (!decoded) return reject("undecodable: not valid UTF-8, UTF-16 (with BOM), GB18030 or Big5");
  const text = decoded.text;
  if (text.trim().length === 0) return reject("no text after decoding");
  if (decoded.confidence < MIN_SCORE) return reject(`undecodable: best decode (${decoded.encoding}) does not read as Chinese text (confidence ${decoded.confidence})`);
  return {
    status: "accepted",
    article_id: sha256Hex(text).slice(0, 16),
    source_file: sourceFile,
    bytes: bytes.length,
    sha256: sha256Hex(bytes),
    encoding: decoded.encoding,
    encoding_confidence: decoded.confidence,
    text,
  };
}
