import jsQR from "jsqr";
import * as mupdf from "mupdf";
import type { Browser, Locator } from "playwright-core";
import { PNG } from "pngjs";

/** Decodes the QR code in a picture, as a phone's camera app does. */
export function decodePngQr(png: Buffer): string {
  const img = PNG.sync.read(png);
  const found = jsQR(
    new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength),
    img.width,
    img.height,
  );
  if (!found) throw new Error("no QR code could be read from the picture");
  return found.data;
}

/** Reads a QR code the way a phone does: renders the SVG we printed, photographs it, decodes it. */
export async function decodeSvgQr(browser: Browser, svg: string): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 400, height: 400 } });
  await page.setContent(
    `<body style="margin:0;background:#fff"><div style="width:360px;height:360px">${svg}</div></body>`,
  );
  await page.locator("svg").evaluate((el) => {
    el.setAttribute("width", "360");
    el.setAttribute("height", "360");
  });
  const png = await page.screenshot({ clip: { x: 0, y: 0, width: 360, height: 360 } });
  await page.close();
  return decodePngQr(png);
}

/** A phone pointed at a screen: photographs the element and decodes the code in it. */
export async function decodeShownQr(element: Locator): Promise<string> {
  return decodePngQr(await element.screenshot());
}

/** The printed page: rasterises a PDF page at 200 dpi (as a scan of the paper would be) and decodes its code. */
export function decodePdfQr(
  pdf: Buffer,
  pageIndex = 0,
): { url: string; widthPt: number; heightPt: number; pages: number } {
  const doc = mupdf.Document.openDocument(pdf, "application/pdf");
  const page = doc.loadPage(pageIndex);
  const [x0, y0, x1, y1] = page.getBounds();
  const scale = 200 / 72;
  const pixmap = page.toPixmap(
    mupdf.Matrix.scale(scale, scale),
    mupdf.ColorSpace.DeviceRGB,
    false,
    true,
  );
  return {
    url: decodePngQr(Buffer.from(pixmap.asPNG())),
    widthPt: x1 - x0,
    heightPt: y1 - y0,
    pages: doc.countPages(),
  };
}
