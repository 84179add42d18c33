const channel = new MessageChannel();

/** A macrotask turn with no timer clamping: lets queued messages (Stop) run between tokens. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}
