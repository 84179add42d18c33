/** The largest image a comparison takes: providers refuse bigger inline images anyway. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/**
 * Whether a remote model takes images, judged by its name (Qwen's vision models say so:
 * qwen-vl-*, Qwen2.5-VL, Qwen3-VL, QVQ, Qwen-Omni). No OpenAI-compatible API reports
 * it, so a model named otherwise is treated as text-only and told so on screen.
 */
export function takesImages(model: string): boolean {
  return /(^|[-_/.])(vl|qvq|omni|vision)([-_/.]|$)/i.test(model);
}
