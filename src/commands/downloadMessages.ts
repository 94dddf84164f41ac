import * as vscode from 'vscode';
import type { DownloadProgress, DownloadResult } from '../download/downloader';
import type { DownloadError } from '../download/downloadError';
import { formatBytes } from '../webview/format';

// What the user reads about a download: our own sentences with our own numbers. The URL, the file name the API
// chose and any text a server sent stay out (notifications render links); the log has the details.

/** "1.2 GB of 4 GB (30%), 85 MB/s", or without a total "1.2 GB, 85 MB/s". */
export function progressText({ bytes, total, bytesPerSecond }: DownloadProgress): string {
  const rate = formatBytes(Math.round(bytesPerSecond));
  if (total === undefined || total === 0) return vscode.l10n.t('{0}, {1}/s', formatBytes(bytes), rate);
  return vscode.l10n.t('{0} of {1} ({2}%), {3}/s', formatBytes(bytes), formatBytes(total), Math.floor((100 * bytes) / total), rate);
}

export function doneText(result: DownloadResult): string {
  return result.checksum === 'crc64'
    ? vscode.l10n.t('Backup downloaded ({0}): size and CRC-64 checksum match.', formatBytes(result.bytes))
    : vscode.l10n.t('Backup downloaded ({0}): size matches; the server gave no checksum.', formatBytes(result.bytes));
}

export function failureText(err: DownloadError): string {
  switch (err.reason) {
    case 'cancelled':
      return vscode.l10n.t('The download was cancelled and the partial file deleted.');
    case 'noUrl':
      return vscode.l10n.t('This backup has no download URL.');
    case 'malformed':
    case 'scheme':
    case 'plainHttpRemote':
    case 'hasUserInfo':
      return vscode.l10n.t('The download URL of this backup is not a safe https address, so nothing was downloaded.');
    case 'expired':
      return vscode.l10n.t('The download URL expired and a new one could not be fetched. Refresh the list and try again.');
    case 'redirect':
      return vscode.l10n.t('The server redirected the download elsewhere. Redirects are not followed, so the download stopped.');
    case 'httpStatus':
      return vscode.l10n.t('The server refused the download (HTTP {0}).', err.status ?? 0);
    case 'network':
      return vscode.l10n.t('The download failed: the connection kept breaking. The partial file was deleted.');
    case 'certificate':
      return vscode.l10n.t("The server's TLS certificate was not accepted, so nothing was downloaded. If a proxy or gateway re-signs TLS, add its certificate authority to the operating system's store.");
    case 'badRange':
      return vscode.l10n.t('The server sent other bytes than asked for when the download resumed, so it stopped. The partial file was deleted.');
    case 'sizeMismatch':
      return vscode.l10n.t('The download does not have the size of the backup, so it was deleted.');
    case 'checksumMismatch':
      return vscode.l10n.t('The download does not match its CRC-64 checksum, so it was deleted.');
    case 'file':
      return vscode.l10n.t('The file could not be written. The log has the details.');
  }
}
