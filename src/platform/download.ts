/** Saves text as a file through the browser's download, without a server round-trip. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/** Saves a Blob as a file through the browser's download. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // The click has queued the download; the URL is no longer needed once it starts.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
