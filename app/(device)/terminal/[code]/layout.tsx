import type { ReactNode } from "react";

/** A kiosk is read standing, at arm's length: everything larger than on a phone, enrolment included. */
export default function KioskLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <style>{"html{font-size:160%}"}</style>
      {children}
    </>
  );
}
