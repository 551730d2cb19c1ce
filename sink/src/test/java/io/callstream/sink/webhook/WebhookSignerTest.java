package io.callstream.sink.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private final WebhookSigner signer = new WebhookSigner("whsec");
    private final byte[] body = "{\"alertId\":\"a\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTimestampDotBodyAsHexHmacSha256() {
        // printf '1764280800.{"alertId":"a"}' | openssl dgst -sha256 -hmac whsec
        assertThat(signer.sign(1764280800L, body))
                .isEqualTo("sha256=2744c226ae8d0065e73ff4225a734c1d0d9bf9b49cca0dae556434ab27a05896");
    }

    @Test
    void verifiesItsOwnSignatureAndRefusesTamperedBodiesTimestampsAndSecrets() {
        String signature = signer.sign(1764280800L, body);

        assertThat(signer.verify("1764280800", body, signature)).isTrue();
        assertThat(signer.verify("1764280801", body, signature)).isFalse();
        assertThat(signer.verify("1764280800", "{\"alertId\":\"b\"}".getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
        assertThat(new WebhookSigner("other").verify("1764280800", body, signature)).isFalse();
        assertThat(signer.verify(null, body, signature)).isFalse();
        assertThat(signer.verify("soon", body, signature)).isFalse();
    }
}
