package com.callaback.api;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether a webhook may be sent to a host: only to public internet addresses, so that a business cannot aim events
 * at this platform's own network (loopback, private ranges, link-local cloud metadata at 169.254.169.254...). Checked
 * when the URL is registered and again before every delivery, because a name may later resolve elsewhere. The JVM
 * caches a name's addresses (30 s by default), so the connection right after the check uses the addresses checked.
 */
@ApplicationScoped
public class WebhookAddresses {

    @Inject
    ApiConfig config;

    /** Why the host must not receive webhooks, or null if it may. */
    public String refusal(String host) {
        if (config.webhooks().allowInsecureUrls()) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isPrivate(address)) {
                    return "The host " + host + " resolves to a private address (" + address.getHostAddress()
                            + "); webhooks go to public addresses only.";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "The host " + host + " could not be found.";
        }
    }

    /** Loopback, private, link-local, carrier-grade NAT, unique-local IPv6, unspecified or multicast. */
    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 0.0.0.0/8 "this network", 100.64.0.0/10 carrier-grade NAT, 198.18.0.0/15 benchmarking.
            return first == 0 || first == 100 && second >= 64 && second < 128 || first == 198 && (second & 0xfe) == 18;
        }
        if (address instanceof Inet6Address) {
            // fc00::/7 unique local addresses (IPv6's private ranges).
            return (bytes[0] & 0xfe) == 0xfc;
        }
        return false;
    }
}
