import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the SQL the app issued for one webhook pair, as PostgreSQL logged it ({@code log_statement = 'all'},
 * {@code log_line_prefix = '%m [%p] %u '}), into a pgbench script that issues the same statements, in the same
 * order and transactions, for a random business and a fresh call each time:
 * <pre>java PgbenchScript.java &lt;log&gt; &lt;script.sql&gt; &lt;businesses&gt; key=value...</pre>
 * The keys name the values the capture used: {@code number}, {@code caller}, {@code callSid}, {@code accountSid},
 * {@code tenant}, {@code phone}, {@code account}. Each becomes a pgbench variable set per transaction from the table
 * {@code bench_businesses} (made by run.sh) by one extra SELECT, which also makes a fresh UUID for every other
 * UUID the app sent (the ids of the rows it inserted). Other values stay as captured.
 * <p>
 * Statements of the app's background workers that ran meanwhile (claims, provisioning, alerts, driver metadata) are
 * left out: the log is grouped into transactions per backend, and only those that bind a value of the call (its
 * number, CallSid, caller, business) and none of the workers' statements are kept.
 * Prints {@code statements=} and {@code transactions=} of the pair.
 */
public class PgbenchScript {

    private static final Pattern ENTRY = Pattern.compile(
            "^\\S+ \\S+ \\S+ \\[(\\d+)\\] (\\S*) (LOG|DETAIL):  (.*)$");
    private static final Pattern STATEMENT = Pattern.compile("^(?:statement|execute [^:]+): (.*)$", Pattern.DOTALL);
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+) = (NULL|'((?:[^']|'')*)')");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final List<String> WORKER_MARKS = List.of("claim_", "message_details_due(",
            "provisioning_lease_until = now()", "pg_catalog.");
    private static final Map<String, String> VARIABLES = Map.of("number", "number", "caller", "caller",
            "callSid", "call_sid", "accountSid", "account_sid", "tenant", "tenant", "phone", "phone_id",
            "account", "account_id");

    /** One statement of one backend, with the values bound to its parameters. */
    private static final class Statement {
        final String pid;
        final StringBuilder sql = new StringBuilder();
        final Map<Integer, String> parameters = new HashMap<>(); // null value: SQL NULL

        Statement(String pid, String sql) {
            this.pid = pid;
            this.sql.append(sql);
        }
    }

    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        Path output = Path.of(args[1]);
        int businesses = Integer.parseInt(args[2]);
        Map<String, String> known = new HashMap<>(); // captured value -> variable
        for (int i = 3; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            known.put(pair[1], VARIABLES.get(pair[0]));
        }

        List<Statement> statements = parse(lines);
        List<Statement> pair = ofThePair(statements, known.keySet());

        Map<String, String> fresh = new LinkedHashMap<>(); // other captured UUIDs -> u1, u2, ...
        StringBuilder body = new StringBuilder();
        int transactions = 0;
        for (Statement statement : pair) {
            String sql = statement.sql.toString().strip();
            if (sql.equalsIgnoreCase("begin")) {
                transactions++;
            }
            body.append(bind(sql, statement.parameters, known, fresh)).append(";\n");
        }

        StringBuilder script = new StringBuilder();
        script.append("-- The statements Callaback issued for one incoming-call + dial-status pair, captured from\n")
                .append("-- PostgreSQL's log by src/test/benchmark/run.sh; ").append(pair.size())
                .append(" statements in ").append(transactions).append(" transactions.\n")
                .append("-- The first SELECT (not the app's) picks a business and makes the call's fresh values.\n")
                .append("\\set b random(1, ").append(businesses).append(")\n")
                .append("\\set c random(1, 999999999)\n")
                .append("select tenant_id as tenant, phone_id, account_id, number, account_sid,\n")
                .append("       '+1' || (2000000000::bigint + :c)::text as caller,\n")
                .append("       'CA' || md5(:c::text || random()::text) as call_sid");
        for (String variable : fresh.values()) {
            script.append(",\n       gen_random_uuid() as ").append(variable);
        }
        script.append("\n  from bench_businesses where n = :b\n\\gset\n").append(body);
        Files.writeString(output, script);
        System.out.println("statements=" + pair.size());
        System.out.println("transactions=" + transactions);
    }

    private static List<Statement> parse(List<String> lines) {
        List<Statement> statements = new ArrayList<>();
        Map<String, Statement> lastOfPid = new HashMap<>();
        Statement continuing = null;
        for (String line : lines) {
            Matcher entry = ENTRY.matcher(line);
            if (!entry.matches()) {
                if (continuing != null) {
                    continuing.sql.append('\n').append(line); // a statement spanning lines
                }
                continue;
            }
            continuing = null;
            String pid = entry.group(1);
            if (!"callaback_app".equals(entry.group(2))) {
                continue;
            }
            if (entry.group(3).equals("LOG")) {
                Matcher statement = STATEMENT.matcher(entry.group(4));
                if (statement.matches()) {
                    Statement s = new Statement(pid, statement.group(1));
                    statements.add(s);
                    lastOfPid.put(pid, s);
                    continuing = s;
                }
            } else if (entry.group(4).startsWith("parameters: ") && lastOfPid.containsKey(pid)) {
                Matcher parameter = PARAMETER.matcher(entry.group(4));
                while (parameter.find()) {
                    String value = parameter.group(3) == null ? null : parameter.group(3).replace("''", "'");
                    lastOfPid.get(pid).parameters.put(Integer.parseInt(parameter.group(1)), value);
                }
            }
        }
        return statements;
    }

    /**
     * Groups each backend's statements into transactions (with the resets after them) and keeps those that use a
     * value of the captured call and none of the workers' statements.
     */
    private static List<Statement> ofThePair(List<Statement> statements, java.util.Set<String> callValues) {
        Map<Statement, List<Statement>> groupOf = new HashMap<>();
        Map<String, List<Statement>> lastGroup = new HashMap<>();
        Map<String, Boolean> inTransaction = new HashMap<>();
        for (Statement statement : statements) {
            String sql = statement.sql.toString().strip().toLowerCase(java.util.Locale.ROOT);
            List<Statement> group = lastGroup.get(statement.pid);
            boolean open = inTransaction.getOrDefault(statement.pid, false);
            boolean callValue = statement.parameters.values().stream().anyMatch(callValues::contains);
            // A statement outside a transaction is its own when it is about the call (autocommit), and otherwise
            // belongs with the transaction before it (the reset of the tenant setting after a commit).
            if (group == null || sql.equals("begin") || (!open && callValue)) {
                group = new ArrayList<>();
                lastGroup.put(statement.pid, group);
            }
            if (sql.equals("begin")) {
                inTransaction.put(statement.pid, true);
            } else if (sql.equals("commit") || sql.equals("rollback")) {
                inTransaction.put(statement.pid, false);
            }
            group.add(statement);
            groupOf.put(statement, group);
        }
        List<Statement> kept = new ArrayList<>();
        for (Statement statement : statements) {
            List<Statement> group = groupOf.get(statement);
            boolean worker = group.stream()
                    .anyMatch(s -> WORKER_MARKS.stream().anyMatch(mark -> s.sql.toString().contains(mark)));
            boolean ofTheCall = group.stream().anyMatch(s -> s.parameters.values().stream()
                    .anyMatch(callValues::contains));
            if (!worker && ofTheCall) {
                kept.add(statement);
            }
        }
        return kept;
    }

    private static String bind(String sql, Map<Integer, String> parameters, Map<String, String> known,
            Map<String, String> fresh) {
        Matcher placeholder = Pattern.compile("\\$(\\d+)").matcher(sql);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            int index = Integer.parseInt(placeholder.group(1));
            String replacement;
            if (!parameters.containsKey(index)) {
                replacement = placeholder.group();
            } else {
                String value = parameters.get(index);
                if (value == null) {
                    replacement = "NULL";
                } else if (known.containsKey(value)) {
                    replacement = ":" + known.get(value);
                } else if (UUID.matcher(value).matches()) {
                    replacement = ":" + fresh.computeIfAbsent(value, v -> "u" + (fresh.size() + 1));
                } else {
                    replacement = "'" + value.replace("'", "''") + "'";
                }
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(out);
        return out.toString();
    }
}
