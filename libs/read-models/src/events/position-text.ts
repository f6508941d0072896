/**
 * `$all` positions stored as 20-digit zero-padded decimal text: unsigned 64-bit values fit, no SQL
 * integer type is needed that some engine lacks, and text order is position order.
 */
export const positionText = (position: bigint): string => position.toString().padStart(20, '0');
