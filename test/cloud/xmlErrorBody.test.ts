import * as assert from 'assert';
import xml from '../../src/cloud/xmlErrorBody';

describe('the XML error body reader bundled in place of tea-xml', () => {
  it('reads Code, Message and RequestId of a gateway XML error', () => {
    const body = '<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>ABC-1</RequestId><HostId>adb.aliyuncs.com</HostId><Code>Throttling.User</Code><Message>Request was denied &amp; &lt;retried&gt;</Message></Error>';
    assert.deepStrictEqual(xml.parseXml(body).Error, {
      RequestId: 'ABC-1',
      HostId: 'adb.aliyuncs.com',
      Code: 'Throttling.User',
      Message: 'Request was denied & <retried>',
    });
  });
});
