/**
 * Remakes the installable app's PNG icons in public/ from app/icon.svg (the favicon), by
 * photographing the SVG in headless Chromium:
 *
 *   node --import tsx scripts/make-icons.ts
 *
 * icon-192.png and icon-512.png are the SVG as it is (rounded square, transparent corners).
 * icon-maskable-512.png fills the whole square with the brand red and keeps the tick inside the
 * central 80 % circle (the maskable safe zone), so a launcher may cut it to any shape.
 */
import { readFileSync } from "node:fs";

import { chromium } from "playwright-core";

const svg = readFileSync("app/icon.svg", "utf8");

/** The favicon's tick on a full-bleed red square, scaled to 80 % around the centre. */
function maskable(source: string): string {
  const tick = /<path[^>]*\/>/.exec(source)?.[0];
  const fill = /<rect[^>]*fill="([^"]+)"/.exec(source)?.[1];
  if (!tick || !fill)
    throw new Error("app/icon.svg no longer has the rect and path this script expects");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${fill}"/><g transform="translate(32 32) scale(0.8) translate(-32 -32)">${tick}</g></svg>`;
}

const icons = [
  { file: "public/icon-192.png", size: 192, svg },
  { file: "public/icon-512.png", size: 512, svg },
  { file: "public/icon-maskable-512.png", size: 512, svg: maskable(svg) },
];

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const sized = icon.svg.replace("<svg ", `<svg width="${icon.size}" height="${icon.size}" `);
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${sized}</body></html>`,
    );
    await page.screenshot({
      path: icon.file,
      omitBackground: true,
      clip: { x: 0, y: 0, width: icon.size, height: icon.size },
    });
    await page.close();
    console.log(`${icon.file} (${icon.size}×${icon.size})`);
  }
} finally {
  await browser.close();
}
