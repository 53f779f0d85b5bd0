import sharp from 'sharp';

/** Longest side of a thumbnail, in pixels: sharp on a phone's 3x screen at ~100 CSS px, small in a list. */
export const THUMBNAIL_SIZE = 320;
/** Decoding bombs (a tiny file that claims 100,000 x 100,000 pixels) are refused before they allocate. */
const MAX_INPUT_PIXELS = 40_000_000;

/**
 * A WebP preview of an image, turned upright by its EXIF orientation, never larger than the original.
 * Rejects when the bytes are not a readable image.
 *   await makeThumbnail(jpegBytes) -> Uint8Array (image/webp, at most 320 x 320)
 */
export async function makeThumbnail(image: Uint8Array): Promise<Uint8Array> {
  const out = await sharp(image, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
    .rotate()
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
