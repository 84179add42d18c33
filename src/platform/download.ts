/** Saves text as a file through the browser's download, without a server round-trip. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // The click has queued the download; the URL is no longer needed once it starts.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
