import type { Attachment } from 'svelte/attachments';

export interface ScrollState {
  /** The content is wider than the box. */
  overflow: boolean;
  moreLeft: boolean;
  moreRight: boolean;
}

/**
 * Reports whether a horizontally scrolling box has more to its left or right, so the
 * screen can say so: a wide table cut at the edge must not look complete.
 */
export function scrollCue(report: (state: ScrollState) => void): Attachment<HTMLElement> {
  return (box) => {
    const update = () => {
      const hidden = box.scrollWidth - box.clientWidth;
      report({ overflow: hidden > 1, moreLeft: box.scrollLeft > 1, moreRight: box.scrollLeft < hidden - 1 });
    };
    const observer = new ResizeObserver(update);
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
    box.addEventListener('scroll', update, { passive: true });
    update();
    return () => {
      observer.disconnect();
      box.removeEventListener('scroll', update);
    };
  };
}
