export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself; the edge runtime never touches the database
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./server/boot");
    await boot();
  }
}
