package com.callaback.agency;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.callaback.dashboard.Period;
import com.callaback.web.InvalidInputException;

/** The agency's clients side by side over one period, sorted by one column. */
public record RollUp(Period period, String sort, boolean descending, List<ClientFigures> clients) {

    /** The columns the roll-up sorts by, as named in ?sort=. */
    static final Map<String, Comparator<ClientFigures>> COLUMNS = Map.of(
            "name", Comparator.comparing(c -> c.name().toLowerCase(java.util.Locale.ROOT)),
            "missed", by(c -> c.figures().missedCalls()),
            "recovered", by(c -> c.figures().recoveredCalls()),
            "reply-rate", by(c -> (long) c.figures().replyRatePercent()),
            "won", by(ClientFigures::figures, f -> f.leadsWon()),
            "texts", by(c -> c.figures().textsSent()),
            "problems", by(c -> (long) c.problems().size()));

    static RollUp sorted(Period period, String sort, String direction, List<ClientFigures> clients) {
        String column = sort == null || sort.isBlank() ? "name" : sort;
        Comparator<ClientFigures> order = COLUMNS.get(column);
        if (order == null) {
            throw new InvalidInputException("sort", "must be one of " + String.join(", ", COLUMNS.keySet().stream().sorted().toList()));
        }
        boolean descending = direction == null ? !"name".equals(column) : "desc".equals(direction);
        if (direction != null && !direction.equals("asc") && !direction.equals("desc")) {
            throw new InvalidInputException("dir", "must be asc or desc");
        }
        Comparator<ClientFigures> withTies = (descending ? order.reversed() : order)
                .thenComparing(c -> c.name().toLowerCase(java.util.Locale.ROOT));
        return new RollUp(period, column, descending, clients.stream().sorted(withTies).toList());
    }

    /** The link of a column header: sorts by it, the other way round when it is the current column. */
    public String sortLink(String column) {
        boolean nextDescending = column.equals(sort) ? !descending : !"name".equals(column);
        return "/agency?period=" + period.key() + "&sort=" + column + "&dir=" + (nextDescending ? "desc" : "asc");
    }

    /** aria-sort of a column header. */
    public String ariaSort(String column) {
        return column.equals(sort) ? (descending ? "descending" : "ascending") : "none";
    }

    public List<Period> periods() {
        return List.of(Period.values());
    }

    public long totalMissed() {
        return clients.stream().mapToLong(c -> c.figures().missedCalls()).sum();
    }

    public long totalRecovered() {
        return clients.stream().mapToLong(c -> c.figures().recoveredCalls()).sum();
    }

    public long totalWon() {
        return clients.stream().mapToLong(c -> c.figures().leadsWon()).sum();
    }

    public long totalTexts() {
        return clients.stream().mapToLong(c -> c.figures().textsSent()).sum();
    }

    private static Comparator<ClientFigures> by(Function<ClientFigures, Long> value) {
        return Comparator.comparing(value);
    }

    private static <T> Comparator<ClientFigures> by(Function<ClientFigures, T> part, Function<T, Long> value) {
        return Comparator.comparing(c -> value.apply(part.apply(c)));
    }
}
