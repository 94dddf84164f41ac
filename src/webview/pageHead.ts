import { escapeHtml } from './format';

/** What every webview page of ours starts with: its language, its own stylesheet and script nonce, and a title. */
export interface PageHead {
  lang: string;
  cspSource: string;
  nonce: string;
  styleUri: string;
  title: string;
  /** Extra CSP sources for images (the details page's codicons); none by default. */
  imgSrc?: string;
}

/**
 * The document start up to `<body>`: a CSP that allows nothing but our stylesheet, images where asked, and the one
 * script that carries the nonce; everything interpolated is escaped.
 */
export function pageHead(page: PageHead): string {
  const e = escapeHtml;
  const csp = [
    "default-src 'none'",
    `style-src ${page.cspSource}`,
    `script-src 'nonce-${page.nonce}'`,
    ...(page.imgSrc ? [`img-src ${page.imgSrc}`] : []),
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${e(page.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${e(page.styleUri)}">
<title>${e(page.title)}</title>
</head>`;
}
