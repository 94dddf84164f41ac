// Which proxy VS Code's settings and the environment give, and which hosts its noProxy entries cover.
import * as assert from 'assert';
import { describeProxy, ProxyAgents } from '../../src/cloud/proxy';
import { chooseProxy, type ProxySettingValues } from '../../src/cloud/proxyChoice';

const NONE: ProxySettingValues = { proxy: undefined, noProxy: undefined, proxyStrictSSL: undefined, proxySupport: undefined };

describe('choosing the proxy', () => {
  it('http.proxy comes first, then https_proxy/HTTPS_PROXY/http_proxy/HTTP_PROXY; none without either', () => {
    assert.strictEqual(chooseProxy({ ...NONE, proxy: 'http://set:8080' }, { HTTPS_PROXY: 'http://env:1' }).proxy?.url, 'http://set:8080');
    assert.strictEqual(chooseProxy({ ...NONE, proxy: '  ' }, { HTTPS_PROXY: 'http://env:1' }).proxy?.url, 'http://env:1');
    assert.strictEqual(chooseProxy(NONE, { https_proxy: 'http://lower:1', HTTP_PROXY: 'http://plain:2' }).proxy?.url, 'http://lower:1');
    assert.strictEqual(chooseProxy(NONE, { HTTP_PROXY: 'http://plain:2' }).proxy?.url, 'http://plain:2');
    assert.deepStrictEqual(chooseProxy(NONE, {}), {});
  });

  it('http.proxySupport "off" means no proxy at all, whatever else is set', () => {
    assert.deepStrictEqual(chooseProxy({ ...NONE, proxy: 'http://set:8080', proxySupport: 'off' }, { HTTPS_PROXY: 'http://env:1' }), {});
    for (const proxySupport of ['on', 'override', 'fallback', undefined]) assert.ok(chooseProxy({ ...NONE, proxy: 'http://set:8080', proxySupport }, {}).proxy);
  });

  it('noProxy joins http.noProxy and NO_PROXY (either case); strictSSL is off only for false', () => {
    const { proxy } = chooseProxy({ proxy: 'http://p:1', noProxy: ['a.example', 7, ' '], proxyStrictSSL: 'no', proxySupport: 'on' }, { no_proxy: 'b.example, ,c.example' });
    assert.deepStrictEqual(proxy, { url: 'http://p:1', noProxy: ['a.example', 'b.example', 'c.example'], strictSSL: true });
    assert.strictEqual(chooseProxy({ ...NONE, proxy: 'http://p:1', proxyStrictSSL: false }, {}).proxy?.strictSSL, false);
  });

  it('a proxy that is not an http(s) URL is unusable, and said as the setting or variable it came from', () => {
    assert.deepStrictEqual(chooseProxy({ ...NONE, proxy: 'socks5://p:1' }, {}), { unusable: 'http.proxy' });
    assert.deepStrictEqual(chooseProxy(NONE, { HTTPS_PROXY: 'not a url' }), { unusable: 'HTTPS_PROXY' });
  });
});

describe('noProxy entries', () => {
  const proxied = (noProxy: string[], target: string): boolean => new ProxyAgents({ url: 'http://127.0.0.1:3128', noProxy, strictSSL: true }).agentFor(new URL(target)) !== undefined;

  it('cover a host, its subdomains, a port, IPv6 in brackets or bare, and * for everything', () => {
    assert.ok(!proxied(['aliyuncs.com'], 'https://rds.aliyuncs.com/'));
    assert.ok(!proxied(['.aliyuncs.com'], 'https://rds.aliyuncs.com/'));
    assert.ok(!proxied(['*.aliyuncs.com'], 'https://rds.aliyuncs.com/'));
    assert.ok(proxied(['aliyuncs.com'], 'https://notaliyuncs.com/'));
    assert.ok(!proxied(['RDS.aliyuncs.com:443'], 'https://rds.aliyuncs.com/'));
    assert.ok(proxied(['rds.aliyuncs.com:8443'], 'https://rds.aliyuncs.com/'));
    assert.ok(!proxied(['[::1]:8080'], 'http://[::1]:8080/'));
    assert.ok(!proxied(['::1'], 'http://[::1]:8080/'));
    assert.ok(!proxied(['*'], 'https://anything.example/'));
    assert.ok(proxied([], 'http://127.0.0.1:1/'), 'loopback is proxied unless listed, as the settings say');
  });

  it('the proxy is described by scheme, host and port only', () => {
    assert.strictEqual(describeProxy(new URL('http://alice:s3cret@proxy.corp:3128/')), 'http://proxy.corp:3128');
  });
});
