// bench/growth.png: the growth chart's SVG drawn by headless Chromium, because the packaged README
// may show a PNG but not an SVG (vsce refuses SVG images). Drawn at twice the SVG's size so that it
// stays sharp on high-density screens.
import { existsSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
// The editor tests' flags (scripts/lib/codeServer.mjs): headless, no background traffic.
import CHROMIUM_ARGS from '../scripts/lib/chromiumArgs.json';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The width and height the SVG declares on its root element. */
function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="(\d+(?:\.\d+)?)"/.exec(root)?.[1]);
  const height = Number(/\sheight="(\d+(?:\.\d+)?)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('the SVG declares no width and height');
  return { width, height };
}

/**
 * Writes `pngFile` from the SVG text. Returns why it did not when Chromium is not installed, so that
 * the benchmark goes on without the picture.
 */
export async function writeSvgAsPng(svg: string, pngFile: string): Promise<{ written: true } | { skipped: string }> {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM} (set CHROMIUM to another browser binary)` };
  const { width, height } = svgSize(svg);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2 });
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    const png = await page.locator('svg').first().screenshot({ type: 'png' });
    writeFileSync(pngFile, png);
    return { written: true };
  } finally {
    await browser.close();
  }
}
