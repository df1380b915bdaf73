// Which desktop the webview runs on, for the few styles that differ (fonts:
// see styles/base.css). Read from the user agent: WebKitGTK says "Linux",
// WebView2 "Windows", WKWebView "Macintosh".

export type Platform = 'linux' | 'windows' | 'macos' | 'other';

export function platformOf(userAgent: string): Platform {
  if (/Windows/.test(userAgent)) return 'windows';
  if (/Macintosh|Mac OS X/.test(userAgent)) return 'macos';
  if (/Linux|X11/.test(userAgent)) return 'linux';
  return 'other';
}
