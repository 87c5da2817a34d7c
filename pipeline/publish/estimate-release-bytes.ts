/** Bytes of a release per byte of the validated tables it is made of, folder and archive together. */
const PER_TABLE_BYTE = 4.2;
/** Documents and schemas, whatever the tables' size (about 0.4 MB in v0.5.0). */
const FIXED_BYTES = 1 << 20;

/**
 * The disk space publishing takes at its peak: the release folder and its archive, both staged before either
 * becomes visible. Measured (folder + archive over the JSON Lines tables): 3.96 on v0.5.0 (4.48 MB → 14.41 +
 * 3.32 MB, the SQLite file 3.55 MB of it) and 3.75 on 1,000 bench articles (30.3 MB → 91.2 + 22.3 MB), so the
 * estimate is 12–13% over.
 */
export const estimateReleaseBytes = (tableBytes: number): number => Math.ceil(PER_TABLE_BYTE * tableBytes) + FIXED_BYTES;
