import { expect, test } from '../support/fixtures';

test.use({ allowedConsoleErrors: /Content Security Policy/ });

test('the served app sends a Content-Security-Policy that alone blocks an inserted inline script and a remote image, with no-referrer and nosniff', async ({
  page,
}) => {
  const response = await page.goto('/');
  const headers = response?.headers() ?? {};
  const policy = headers['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self' blob: 'wasm-unsafe-eval';");
  expect(policy).not.toMatch(/'unsafe-eval'/);
  expect(policy).toContain("img-src 'self' data: blob:");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-content-type-options']).toBe('nosniff');
  // The built page carries the policy too, for static hosts that cannot set headers.
  expect(await response?.text()).toContain('<meta http-equiv="Content-Security-Policy"');
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();

  const violations = await page.evaluate(async () => {
    const seen: { directive: string; blocked: string }[] = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
    );
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
    const img = document.createElement('img');
    img.src = 'http://127.0.0.1:9/pixel.png';
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 300));
    return { seen, ran: (window as unknown as { __injected?: boolean }).__injected === true };
  });
  expect(violations.ran).toBe(false);
  expect(violations.seen).toContainEqual({ directive: 'script-src-elem', blocked: 'inline' });
  expect(violations.seen).toContainEqual({ directive: 'img-src', blocked: 'http://127.0.0.1:9/pixel.png' });
});
