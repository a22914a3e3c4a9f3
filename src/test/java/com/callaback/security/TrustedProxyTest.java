package com.callaback.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Forwarded headers count only from a configured proxy: the production settings, with 127.0.0.2 as the proxy. A
 * request from 127.0.0.1 that claims {@code X-Forwarded-Proto: https} and another host gets a sign-in redirect
 * back to the address it really reached; the same request from the proxy's address gets the forwarded one (so the
 * headers are read at all).
 */
@QuarkusTest
@TestProfile(TrustedProxyTest.BehindAProxy.class)
class TrustedProxyTest {

    private static final String PROXY = "127.0.0.2";

    /** The production proxy settings, trusting one address that is not the test client's. */
    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.enable-forwarded-host", "true",
                    // The same notation as the production default (127.0.0.0/8,::1/128).
                    "quarkus.http.proxy.trusted-proxies", PROXY + "/32,::1/128");
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void forgedForwardedHeadersFromAnUntrustedAddressAreIgnored() throws IOException {
        String forged = signInRedirect("127.0.0.1");
        assertThat(forged).contains("redirect_uri=http%3A%2F%2Flocalhost%3A" + port)
                .doesNotContain("evil.example");

        String proxied = signInRedirect(PROXY);
        assertThat(proxied).contains("redirect_uri=https%3A%2F%2Fevil.example");
    }

    /** The Location of the sign-in redirect for a page, asked from the given local address with forged headers. */
    private String signInRedirect(String from) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /contacts HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: text/html\r\n"
                    + "X-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-For: 198.51.100.7\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 302");
            return response.lines().filter(line -> line.regionMatches(true, 0, "Location:", 0, 9)).findFirst()
                    .orElseThrow();
        }
    }
}
