import type { ReactNode } from "react";

import { ServiceWorker } from "./_components/service-worker";

/** The citizen pages — home (the installed app's start_url) and rating pages: the installable app, with its service worker (offline page, offline queue). */
export default function CitizenLayout({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <ServiceWorker />
    </>
  );
}
