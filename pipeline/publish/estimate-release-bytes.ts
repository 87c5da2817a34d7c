/** Bytes of a release per byte of the validated tables it is made of, folder and archive together. */
const PER_TABLE_BYTE = 3;
/** Documents and schemas, whatever the tables' size (about 0.4 MB in v0.4.0). */
const FIXED_BYTES = 1 << 20;

/**
 * The disk space publishing takes at its peak: the release folder and its archive, both staged before either
 * becomes visible. Measured (folder + archive over the JSON Lines tables): 2.91 on v0.4.0 (4.44 MB → 10.67 +
 * 2.27 MB) and 2.76 on 1,000 bench articles (29.7 MB → 67.1 + 14.8 MB), so the estimate is about 10% over.
 */
export const estimateReleaseBytes = (tableBytes: number): number => PER_TABLE_BYTE * tableBytes + FIXED_BYTES;
