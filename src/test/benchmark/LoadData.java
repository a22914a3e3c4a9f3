import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the benchmark loads and sends, computed before the clock starts.
 * <ul>
 * <li>{@code java LoadData.java seed <dir> <businesses>}: one seed file per business, each with its own Twilio
 * subaccount, known token and number ({@code +1312200nnnn}), open around the clock with a forwarding phone (so a
 * call is dialled through and {@code no-answer} makes it missed), its text due only a day later.</li>
 * <li>{@code java LoadData.java calls <file> <businesses> <pairs> <publicBaseUrl> <series>}: signed webhook pairs,
 * {@code incoming-call} then {@code dial-status} with {@code DialCallStatus=no-answer}, each call with a fresh
 * CallSid and caller, round-robin over the businesses; one line per request: {@code path TAB body TAB signature}.
 * Each series (0, 1, ...) has callers of its own, so no two runs of one benchmark share a caller.</li>
 * </ul>
 * The signature is Twilio's: base64 HMAC-SHA1, keyed by the subaccount's token, of the public URL followed by
 * every parameter name and value in name order.
 */
public class LoadData {

    static final String PATH_INCOMING = "/api/twilio/incoming-call";
    static final String PATH_DIAL_STATUS = "/api/twilio/dial-status";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "seed" -> seed(Path.of(args[1]), Integer.parseInt(args[2]));
            case "calls" -> calls(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4],
                    Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("seed <dir> <n> | calls <file> <n> <pairs> <url> <series>");
        }
    }

    static void seed(Path dir, int businesses) throws IOException {
        Files.createDirectories(dir);
        for (int i = 1; i <= businesses; i++) {
            Files.writeString(dir.resolve(String.format("bench-%04d.yaml", i)), """
                    slug: %s
                    name: Benchmark business %d
                    timezone: UTC
                    forwardingPhone: "+13125550100"
                    businessHours: { mon: ["00:00", "24:00"], tue: ["00:00", "24:00"], wed: ["00:00", "24:00"],
                      thu: ["00:00", "24:00"], fri: ["00:00", "24:00"], sat: ["00:00", "24:00"], sun: ["00:00", "24:00"] }
                    autoReplyDelaySeconds: 86400
                    quietHoursStart: "00:00"
                    quietHoursEnd: "00:00"
                    twilio: { subaccountSid: "%s", authToken: "%s" }
                    numbers: ["%s"]
                    """.formatted(slug(i), i, accountSid(i), authToken(i), number(i)));
        }
    }

    static void calls(Path file, int businesses, int pairs, String baseUrl, int series) throws IOException {
        // Callers: +1 <area> <7 digits from 2000000>; one area code per series keeps series apart.
        String[] areas = { "415", "628", "510", "650", "707", "408", "831", "925", "669", "341" };
        String area = areas[series % areas.length];
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int k = 0; k < pairs; k++) {
                int b = k % businesses + 1;
                String callSid = "CA" + hex("call", series + "/" + k);
                String caller = "+1" + area + (2000000 + k + (series / areas.length) * 4000000);
                Map<String, String> call = new LinkedHashMap<>();
                call.put("AccountSid", accountSid(b));
                call.put("ApiVersion", "2010-04-01");
                call.put("CallSid", callSid);
                call.put("CallStatus", "ringing");
                call.put("Direction", "inbound");
                call.put("From", caller);
                call.put("To", number(b));
                line(out, baseUrl, PATH_INCOMING, call, authToken(b));
                call.put("CallStatus", "in-progress");
                call.put("DialCallStatus", "no-answer");
                line(out, baseUrl, PATH_DIAL_STATUS, call, authToken(b));
            }
        }
    }

    private static void line(BufferedWriter out, String baseUrl, String path, Map<String, String> params,
            String token) throws IOException {
        StringJoiner body = new StringJoiner("&");
        params.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        out.write(path + "\t" + body + "\t" + signature(token, baseUrl + path, params) + "\n");
    }

    static String signature(String token, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String slug(int i) {
        return String.format("bench-%04d", i);
    }

    static String number(int i) {
        return String.format("+1312200%04d", i);
    }

    static String accountSid(int i) {
        return "AC" + hex("account", slug(i));
    }

    static String authToken(int i) {
        return hex("token", slug(i));
    }

    /** 32 hex digits derived from the key, so every run of the benchmark loads the same credentials. */
    private static String hex(String kind, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
