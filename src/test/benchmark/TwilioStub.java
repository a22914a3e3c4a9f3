import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Twilio's REST API as far as the app uses it while texting, for the benchmark, in a process of its own:
 * {@code java -Dsun.net.httpserver.nodelay=true TwilioStub.java <port> [delay-ms]}. Accepts every text (201, a fresh SM sid), answers message details
 * (delivered, 1 segment), and counts texts per (From, To) so the benchmark can report duplicates:
 * {@code GET /stats} gives {@code {"messages":n,"pairs":p,"duplicates":d,"fetches":f,"fetchDuplicates":g}} (message
 * details asked about more than once); {@code POST /reset} clears the counts. Lists the texts sent per From and To,
 * as Twilio's message list does, so a worker taking a text over can find it was sent.
 */
public class TwilioStub {

    private static final Pattern SEND = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/Messages\\.json");
    private static final Pattern FETCH = Pattern.compile(
            "/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/Messages/(SM[0-9a-fA-F]{32})\\.json");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, AtomicInteger> perPair = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fetchesPerSid = new ConcurrentHashMap<>();
    /** The texts accepted per "From To", newest last, for the message list a worker taking a text over reads. */
    private final Map<String, java.util.List<String>> sentPerPair = new ConcurrentHashMap<>();
    private final AtomicLong fetches = new AtomicLong();
    /** How long the answer to a text waits, to play Twilio's own latency (0: answer at once). */
    private final long delayMillis;

    TwilioStub(long delayMillis) {
        this.delayMillis = delayMillis;
    }
    private final AtomicLong messages = new AtomicLong();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args.length > 0 ? args[0] : "18990");
        TwilioStub stub = new TwilioStub(args.length > 1 ? Long.parseLong(args[1]) : 0);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.createContext("/", stub::handle);
        // The app sends from a pool of threads; each blocks on its own request, so the stub answers in parallel,
        // with room for every request in flight when answers are delayed.
        server.setExecutor(Executors.newFixedThreadPool(256));
        server.start();
        System.out.println("Twilio stub listening on 127.0.0.1:" + port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher send = SEND.matcher(path);
            Matcher fetch = FETCH.matcher(path);
            if ("POST".equals(method) && send.matches()) {
                Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                messages.incrementAndGet();
                if (delayMillis > 0) {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                String pair = form.get("From") + " " + form.get("To");
                perPair.computeIfAbsent(pair, k -> new AtomicInteger()).incrementAndGet();
                String sid = newSid();
                String created = java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
                        java.util.Locale.US).format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
                sentPerPair.computeIfAbsent(pair, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add("{\"sid\":\"" + sid + "\",\"account_sid\":\"" + send.group(1) + "\",\"to\":"
                                + quoted(form.get("To")) + ",\"from\":" + quoted(form.get("From")) + ",\"body\":"
                                + quoted(form.get("Body")) + ",\"status\":\"queued\",\"date_created\":\"" + created
                                + "\",\"direction\":\"outbound-api\"}");
                respond(exchange, 201, message(sid, send.group(1), "queued", null));
            } else if ("GET".equals(method) && send.matches()) {
                Map<String, String> query = form(exchange.getRequestURI().getRawQuery() == null ? ""
                        : exchange.getRequestURI().getRawQuery());
                java.util.List<String> sent = new java.util.ArrayList<>(sentPerPair.getOrDefault(
                        query.get("From") + " " + query.get("To"), java.util.List.of()));
                java.util.Collections.reverse(sent);
                respond(exchange, 200, "{\"messages\":[" + String.join(",", sent) + "],\"end\":0,"
                        + "\"first_page_uri\":null,\"next_page_uri\":null,\"page\":0,\"page_size\":20,"
                        + "\"previous_page_uri\":null,\"start\":0,\"uri\":null}");
            } else if ("GET".equals(method) && fetch.matches()) {
                fetches.incrementAndGet();
                fetchesPerSid.computeIfAbsent(fetch.group(2), k -> new AtomicInteger()).incrementAndGet();
                respond(exchange, 200, message(fetch.group(2), fetch.group(1), "delivered", "\"-0.00790\""));
            } else if ("GET".equals(method) && "/stats".equals(path)) {
                long sent = messages.get();
                int pairs = perPair.size();
                respond(exchange, 200, "{\"messages\":" + sent + ",\"pairs\":" + pairs + ",\"duplicates\":"
                        + (sent - pairs) + ",\"fetches\":" + fetches.get() + ",\"fetchDuplicates\":"
                        + (fetches.get() - fetchesPerSid.size()) + "}");
            } else if ("POST".equals(method) && "/reset".equals(path)) {
                perPair.clear();
                sentPerPair.clear();
                messages.set(0);
                fetchesPerSid.clear();
                fetches.set(0);
                respond(exchange, 200, "{}");
            } else {
                respond(exchange, 404, "{\"code\":20404,\"message\":\"The requested resource " + path
                        + " was not found\",\"status\":404}");
            }
        }
    }

    private static String message(String sid, String accountSid, String status, String price) {
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + accountSid + "\",\"status\":\"" + status
                + "\",\"num_segments\":\"1\",\"price\":" + price + ",\"price_unit\":\"USD\","
                + "\"direction\":\"outbound-api\",\"api_version\":\"2010-04-01\",\"error_code\":null}";
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String newSid() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "SM" + HexFormat.of().formatHex(bytes);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
