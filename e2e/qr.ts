import jsQR from "jsqr";
import { PNG } from "pngjs";
import type { Browser } from "playwright-core";

/** Reads a QR code the way a phone does: renders the SVG we printed, photographs it, decodes it. */
export async function decodeSvgQr(browser: Browser, svg: string): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 400, height: 400 } });
  await page.setContent(`<body style="margin:0;background:#fff"><div style="width:360px;height:360px">${svg}</div></body>`);
  await page.locator("svg").evaluate((el) => {
    el.setAttribute("width", "360");
    el.setAttribute("height", "360");
  });
  const png = PNG.sync.read(await page.screenshot({ clip: { x: 0, y: 0, width: 360, height: 360 } }));
  await page.close();
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  if (!found) throw new Error("no QR code could be read from the SVG");
  return found.data;
}
