"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** An idle kiosk asks the server again every few seconds, so the next finished case appears by itself. */
export function Refresher({ everyMs }: { everyMs: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(id);
  }, [router, everyMs]);
  return null;
}
