import { createReadStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse, type Options as ParseOptions } from 'csv-parse';

export interface RecordStream {
  records: AsyncIterable<string[]>;
  totalBytes: number;
  /** Bytes of the file read so far (compressed bytes for a .gz file), for progress. */
  bytesRead(): number;
  close(): void;
}

/**
 * Streams a CSV file record by record, gunzipping `.gz` files on the way, so memory stays flat
 * whatever the file's size. Malformed records are skipped and reported through `onMalformed`.
 */
export const openRecordStream = (
  path: string,
  options: ParseOptions,
  onMalformed: (message: string) => void,
): RecordStream => {
  const totalBytes = statSync(path).size;
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const parser = parse({
    ...options,
    // Room for a few thousand records, so parsing runs ahead while the importer awaits a write.
    // csv-parse hands its options to its Transform stream too; its type just does not list them.
    ...({ readableHighWaterMark: 4_096 } as ParseOptions),
    skip_records_with_error: true,
    on_skip: (error) => {
      onMalformed(error?.message ?? 'malformed record');
      return undefined;
    },
  });
  const done = () => {
    // Errors reach the reader through the parser's iterator; an early stop is not an error.
  };
  if (path.endsWith('.gz')) pipeline(file, createGunzip({ chunkSize: 256 * 1024 }), parser, done);
  else pipeline(file, parser, done);
  return {
    records: parser as AsyncIterable<string[]>,
    totalBytes,
    bytesRead: () => file.bytesRead,
    close: () => {
      parser.destroy();
      file.destroy();
    },
  };
};
