import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { LONG_RUN, splitLongRuns } from '../../core/text-layout';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Say an image was there without fetching it: a remote image would tell its host who read this.
    image: ({ text }) =>
      `<span class="blocked-image">[image not loaded${text ? `: ${escapeHtml(text)}` : ''}]</span>`,
  },
});

/**
 * Tags model output may not create: anything that runs script, loads remote content
 * (images, media, frames, styles, fonts) or submits data. Links stay, inert: only http(s)
 * and mailto survive DOMPurify's URI check, and they open in a new tab without a referrer.
 */
const FORBID_TAGS = [
  'img',
  'picture',
  'source',
  'video',
  'audio',
  'track',
  'iframe',
  'frame',
  'object',
  'embed',
  'svg',
  'math',
  'style',
  'link',
  'meta',
  'base',
  'form',
  'input',
  'button',
  'textarea',
  'select',
];

const purify = DOMPurify(window);
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

/** Model output as safe HTML: markdown parsed, then sanitised; never script, never a fetch. */
export function renderMarkdown(text: string): string {
  const html = marked.parse(text) as string;
  const fragment = purify.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR: ['style', 'srcset', 'src', 'background', 'poster', 'formaction', 'xlink:href'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
    RETURN_DOM_FRAGMENT: true,
  });
  breakLongRuns(fragment);
  const box = document.createElement('div');
  box.append(fragment);
  return box.innerHTML;
}

/** Puts <wbr> into unbroken runs of text (see splitLongRuns), leaving the text itself as it was. */
function breakLongRuns(root: DocumentFragment): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const long: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode())
    if ((n as Text).data.length > LONG_RUN) long.push(n as Text);
  for (const node of long) {
    const pieces = splitLongRuns(node.data);
    if (pieces.length === 1) continue;
    node.replaceWith(...pieces.flatMap((p, i) => (i === 0 ? [p] : [document.createElement('wbr'), p])));
  }
}
