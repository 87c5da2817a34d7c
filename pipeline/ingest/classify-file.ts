import { sha256Hex } from "../lib/hash.ts";
import type { IngestRecord } from "../../schemas/normalized-article.ts";
import { hasHan } from "../text/is-common-han.ts";
import { CANDIDATE_NAMES, detectEncoding } from "./detect-encoding.ts";

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
const MAX_CONTROL_SHARE = 0.01;

/**
 * Decides, from the bytes alone, whether a file is an article; the id depends on the decoded text only. Each reason
 * says what the file is, first, then the particulars after a colon.
 */
export function classifyFile(sourceFile: string, bytes: Uint8Array): AcceptedFile | RejectedFile {
  const reject = (reason: string): RejectedFile => ({ status: "rejected", source_file: sourceFile, reason });
  if (bytes.length === 0) return reject("empty file");
  const decoded = detectEncoding(bytes);
  // UTF-16 holds a zero byte in every ASCII character, so control bytes say nothing of a text that reads as UTF-16.
  const utf16 = decoded !== null && decoded.encoding.startsWith("utf-16") && decoded.confidence >= MIN_SCORE;
  const control = controlShare(bytes);
  if (!utf16 && control > MAX_CONTROL_SHARE) return reject(`binary content: ${(100 * control).toFixed(1)}% control bytes`);
  if (!decoded) return reject(`undecodable: not valid ${CANDIDATE_NAMES.join(", ")}`);
  const text = decoded.text;
  if (text.trim().length === 0) return reject(`no text: nothing but white space once decoded (${decoded.encoding})`);
  if (!hasHan(text)) return reject(`no Chinese characters: the text (${decoded.encoding}) holds no Han character`);
  if (decoded.confidence < MIN_SCORE) {
    const how = decoded.encoding === "utf-8" ? "valid UTF-8" : `best decode ${decoded.encoding}`;
    return reject(`does not read as Chinese text: ${how}, confidence ${decoded.confidence} (below ${MIN_SCORE})`);
  }
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
