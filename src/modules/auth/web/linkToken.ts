/** The token a link carries after `#`, which browsers never send to a server or in a Referer. */
export function linkToken(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, ''));
}
