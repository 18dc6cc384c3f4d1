/** The cookie that remembers large-type mode (read by the server so the first paint is right). */
export const TEXT_SIZE_COOKIE = "hcp_text";
