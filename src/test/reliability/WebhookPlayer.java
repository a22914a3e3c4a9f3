import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Plays signed webhooks as Twilio does, for the database-restart script:
 * {@code java WebhookPlayer.java <calls file> <base url> <requests per second> <threads>}. Posts every line of a
 * calls file ({@code path TAB body TAB signature}, from LoadData.java) at a steady rate; then, as Twilio retries a
 * webhook that failed, posts every one that got no 2xx again, up to ten times a second apart. Prints one line:
 * {@code requests=n ok=n 5xx=n 4xx=n errors=n retried=n still_failing=n}; a 4xx or a webhook still failing at the end
 * is a lost call.
 */
public class WebhookPlayer {

    public static void main(String[] args) throws Exception {
        List<String[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            lines.add(line.split("\t"));
        }
        String baseUrl = args[1];
        int rate = Integer.parseInt(args[2]);
        ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(args[3]));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        int[] status = new int[lines.size()];
        List<Future<?>> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < lines.size(); i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int index = i;
            sent.add(pool.submit(() -> status[index] = post(http, baseUrl, lines.get(index))));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        Map<String, Integer> first = new TreeMap<>();
        for (int code : status) {
            first.merge(kind(code), 1, Integer::sum);
        }
        int retried = 0;
        for (int round = 0; round < 10; round++) {
            List<Integer> failed = new ArrayList<>();
            for (int i = 0; i < status.length; i++) {
                if (status[i] / 100 != 2) {
                    failed.add(i);
                }
            }
            if (failed.isEmpty()) {
                break;
            }
            Thread.sleep(1000);
            for (int i : failed) {
                retried++;
                status[i] = post(http, baseUrl, lines.get(i));
            }
        }
        long stillFailing = java.util.Arrays.stream(status).filter(code -> code / 100 != 2).count();
        System.out.printf("requests=%d ok=%d 5xx=%d 4xx=%d errors=%d retried=%d still_failing=%d%n", lines.size(),
                first.getOrDefault("ok", 0), first.getOrDefault("5xx", 0), first.getOrDefault("4xx", 0),
                first.getOrDefault("error", 0), retried, stillFailing);
        pool.shutdown();
    }

    private static String kind(int code) {
        return code == 0 ? "error" : code / 100 == 2 ? "ok" : code / 100 == 5 ? "5xx" : "4xx";
    }

    /** The status Twilio would see, or 0 when no answer came (Twilio retries those too). */
    private static int post(HttpClient http, String baseUrl, String[] line) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + line[0]))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", line[2])
                    .POST(HttpRequest.BodyPublishers.ofString(line[1])).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
