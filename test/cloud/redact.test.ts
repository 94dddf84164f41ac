// Redaction by key name after decoding: a secret must not survive because its separators were escaped for a URL,
// an HTML page or a JSON string (or two of them), and text without a secret must come back byte for byte.
import * as assert from 'assert';
import { isSecretKey, redact, registerSecret } from '../../src/cloud/redact';

const SIG = 'Zm9vYmFyU0lHbmF0dXJlMTIz';

function assertHidden(text: string, secrets: string[]): string {
  const out = redact(text);
  for (const secret of secrets) assert.ok(!out.includes(secret), `${JSON.stringify(secret)} survives in ${JSON.stringify(out)} (from ${JSON.stringify(text)})`);
  assert.ok(out.includes('<redacted>'), `no marker in ${JSON.stringify(out)}`);
  assert.strictEqual(redact(out), out, 'redacting twice changes nothing');
  return out;
}

describe('redact: secrets behind any escaping', () => {
  it('hides a Signature whose separators are URL-, HTML- or JSON-escaped, once or twice', () => {
    const forms: Array<[string, string]> = [
      ['HTML', `https://b/x?Expires=1&amp;Signature=${SIG}&amp;Region=r`],
      ['HTML numeric', `https://b/x?Expires=1&#38;Signature&#61;${SIG}&#x26;Region=r`],
      ['URL-encoded', `redirect=https%3A%2F%2Fb%2Fx%3FExpires%3D1%26Signature%3D${SIG}%26Region%3Dr`],
      ['URL-encoded twice', `u=https%253A%252F%252Fb%252Fx%253FExpires%253D1%2526Signature%253D${SIG}%2526Region%253Dr`],
      ['JSON', `{"Expires":1,"Signature":"${SIG}","Region":"r"}`],
      ['JSON, pretty', `{\n  "Signature": "${SIG}"\n}`],
      ['JSON in JSON', `{\\"Signature\\":\\"${SIG}\\",\\"Region\\":\\"r\\"}`],
      ['JSON in JSON in JSON', `{\\\\\\"Signature\\\\\\":\\\\\\"${SIG}\\\\\\"}`],
      ['JSON unicode escape', `"https://b/x?Expires=1\\u0026Signature=${SIG}\\u0026Region=r"`],
      ['JSON unicode escape of an escape', `"x\\\\u0026Signature\\\\u003d${SIG}"`],
      ['HTML inside a URL', `x%26amp%3BSignature%3D${SIG}`],
      ['single quotes', `{'Signature': '${SIG}'}`],
      ['XML', `<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>${SIG}</SignatureProvided></Error>`],
      ['HTML-escaped XML', `&lt;Signature&gt;${SIG}&lt;/Signature&gt;`],
    ];
    for (const [name, text] of forms) {
      const out = assertHidden(text, [SIG]);
      assert.match(out, /Signature/, `${name}: the key stays readable`);
    }
    // What is around the secret is left as it was.
    assert.strictEqual(redact(forms[0][1]), 'https://b/x?Expires=1&amp;Signature=<redacted>&amp;Region=r');
    assert.strictEqual(redact(forms[2][1]), 'redirect=https%3A%2F%2Fb%2Fx%3FExpires%3D1%26Signature%3D<redacted>%26Region%3Dr');
    assert.strictEqual(redact(forms[5][1]), '{\n  "Signature": "<redacted>"\n}');
  });

  it('hides the value of every secret-bearing key, in any case, as a query, a header or a JSON member', () => {
    const keys = [
      'Signature', 'x-oss-signature', 'X-Oss-Credential', 'OSSAccessKeyId', 'SecurityToken', 'security-token', 'x-acs-security-token',
      'X-Acs-Security-Token', 'x-oss-security-token', 'AccessKeySecret', 'accessKeySecret', 'access_key_secret', 'sts_token',
    ];
    const value = 'c2VjcmV0LXZhbHVl%2B/abc==';
    for (const key of keys) {
      for (const text of [`a=1&${key}=${value}&b=2`, `${key}: ${value}\r\nHost: x`, `{"${key}":"${value}"}`, `${key}%3D${value}`]) {
        assertHidden(text, ['c2VjcmV0LXZhbHVl', 'abc==']);
      }
      assert.ok(isSecretKey(key), key);
    }
    assert.ok(!isSecretKey('SignatureNonce') && !isSecretKey('Region'));
  });

  it('hides the signature part of Authorization headers', () => {
    const acs3 = `Authorization: ACS3-HMAC-SHA256 Credential=EMULkeyid,SignedHeaders=host;x-acs-date,Signature=${SIG}`;
    assert.match(assertHidden(acs3, [SIG]), /^Authorization: ACS3-HMAC-SHA256 /);
    assertHidden(`{"Authorization":"OSS EMULkeyid:${SIG}"}`, [SIG]);
    assertHidden(`authorization: acs EMULkeyid:${SIG}`, [SIG]);
  });

  it('catches a registered secret URL-encoded, encoded twice and JSON-escaped', () => {
    const token = 'CAIS+sts/Token==77e1c2';
    registerSecret(token);
    const encoded = encodeURIComponent(token);
    for (const text of [
      `token ${token} expired`,
      `?SecurityTokenX=${encoded}`,
      `url=${encodeURIComponent(`https://x/?t=${encoded}`)}`,
      JSON.stringify({ t: token }).replace(/\//g, '\\/'),
      JSON.stringify(JSON.stringify({ t: token })).replace(/\+/g, '\\u002b'),
      `tok=${token.replace('/', '&#x2F;')}`,
    ]) {
      const out = assertHidden(text, [token, encoded, 'sts/Token', 'sts%2FToken', 'sts\\/Token', 'sts%252FToken']);
      assert.ok(!/77e1c2/.test(out), out);
    }
  });

  it('leaves text without a secret exactly as it was', () => {
    const innocent = [
      'The request signature we calculated does not match the signature you provided. 100% sure &amp; "quoted" \'single\' `tick`',
      'The "x-acs-security-token" header is missing; see the Signature section of the guide.',
      'SignatureDoesNotMatch: SignatureNonce=3f2a&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0',
      'C:\\new\\table %zz %2 &foo; &amp;amp; &#60;b&#62; \\u00 50%25 off',
      '{"Name":"db-prod","Description":"nightly \\"full\\" backup"}',
      '<Error><Code>SignatureDoesNotMatch</Code><Message>The signature does not match.</Message></Error>',
      '<img src=x onerror=alert(1)> "quoted" \'single\' `tick` ${x} </script>\u200Fمرحبا 🐘',
      'Authorization: denied for user root. Authorization failed for "SecurityToken" (see Authorization: docs)',
    ];
    for (const text of innocent) assert.strictEqual(redact(text), text);
  });

  it('redacts 20,000-character hostile strings in well under 50 ms', () => {
    registerSecret('hostile-registered-secret-9c1');
    const N = 20_000;
    const fill = (piece: string): string => piece.repeat(Math.ceil(N / piece.length)).slice(0, N);
    const tail = `&amp;Signature%3D${SIG}\\u0026x=hostile-registered-secret-9c1`;
    const hostile = [
      '\\'.repeat(N),
      '%25'.repeat(N / 4),
      `%${'25'.repeat(N / 2)}26`,
      `&${'amp;'.repeat(N / 4)}`,
      fill('&Signature='),
      fill('Signature:    '),
      `Signature${' '.repeat(N)}`,
      fill('x-acs-security-token '),
      fill('signature-'),
      fill('\\"'),
      fill('\\u0026'),
      fill('%26Signature%3D\\u0026amp;&#61;"Signature":"'),
      fill('Authorization: a '),
      fill('hostile-registered-secret-9c'),
      `Signature=${'A'.repeat(N)}`,
      'a'.repeat(N),
    ];
    for (const text of hostile) {
      const name = `${JSON.stringify(text.slice(0, 30))}…`;
      // The best of three: a busy machine can pause any one run, but backtracking would slow all three.
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const start = process.hrtime.bigint();
        const out = redact(text + tail);
        best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
        assert.ok(!out.includes(SIG) && !out.includes('hostile-registered-secret-9c1'), `secret survives after ${name}`);
      }
      assert.ok(best < 50, `${best.toFixed(1)} ms for ${name}`);
    }
  });
});
