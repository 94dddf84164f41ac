import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface TestCertificate {
  key: string;
  cert: string;
  /** The certificate as a file: what NODE_EXTRA_CA_CERTS names so that a process trusts the emulator's TLS port. */
  certFile: string;
}

/** A fresh self-signed certificate for 127.0.0.1 and localhost, made with openssl (for the emulator's TLS port). */
export function makeTestCertificate(): TestCertificate {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'emulator-tls-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}
