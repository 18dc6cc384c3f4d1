import type { MetadataRoute } from "next";

/** The installable app (SPEC §8): opens at the home page, standalone, in the brand red of the layout's themeColor. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "台山好差评",
    short_name: "好差评",
    description: "台山市政务服务“好差评”——扫码评价政务服务",
    lang: "zh-CN",
    start_url: "/",
    scope: "/",
    display: "standalone",
    theme_color: "#b91c1c",
    background_color: "#fafaf9",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
