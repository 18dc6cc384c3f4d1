import * as mupdf from "mupdf";

/** A printed PDF as a reader sees it: each page's size in points, its text, and page 1 as a PNG to look at. */
export function readPdf(pdf: Buffer): {
  pages: { widthPt: number; heightPt: number; text: string }[];
  firstPagePng: Buffer;
} {
  const doc = mupdf.Document.openDocument(pdf, "application/pdf");
  const pages = Array.from({ length: doc.countPages() }, (_, i) => {
    const page = doc.loadPage(i);
    const [x0, y0, x1, y1] = page.getBounds();
    return {
      widthPt: x1 - x0,
      heightPt: y1 - y0,
      text: page.toStructuredText("preserve-whitespace").asText(),
    };
  });
  const scale = 110 / 72;
  const pixmap = doc
    .loadPage(0)
    .toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
  return { pages, firstPagePng: Buffer.from(pixmap.asPNG()) };
}
