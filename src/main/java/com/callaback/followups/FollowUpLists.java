package com.callaback.followups;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Interaction;
import com.callaback.identity.TeamService;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.Paging;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * What the follow-ups page lists, section by section: by status and time on follow_ups_due_idx, the recent ones on
 * follow_ups_recent_idx.
 */
@ApplicationScoped
public class FollowUpLists {

    /** Rows a section shows on the whole page before its "more" link. */
    static final int SECTION_SIZE = 10;

    @Inject
    TenantContext tenantContext;
    @Inject
    TeamService team;

    /** The sections of the page, in the order a person works them. */
    public enum Section {
        TASKS("Call-backs to make"), DUE("Texts due"), HELD("On hold"), FAILED("Failed"), RECENT("Recent");

        private final String title;

        Section(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        PanacheQuery<FollowUp> query() {
            return switch (this) {
                case TASKS -> FollowUp.find("type = ?1 and status = ?2 order by scheduledAt", FollowUpType.CALLBACK,
                        FollowUpStatus.PENDING);
                case DUE -> FollowUp.find("type <> ?1 and status in ?2 order by scheduledAt", FollowUpType.CALLBACK,
                        Set.of(FollowUpStatus.PENDING, FollowUpStatus.SENDING));
                case HELD -> FollowUp.find("status = ?1 order by scheduledAt", FollowUpStatus.HELD);
                case FAILED -> FollowUp.find("status = ?1 order by scheduledAt desc", FollowUpStatus.FAILED);
                case RECENT -> FollowUp.find("status in ?1 order by updatedAt desc", FollowUpStatus.FINISHED);
            };
        }
    }

    /**
     * A follow-up with its contact, for a call-back the name of the person assigned, and for a sent text the words
     * the customer received (merge fields filled in), which the stored body only holds as a template.
     */
    public record Row(FollowUp followUp, Contact contact, String assignee, String sentText) {

        public String text() {
            return sentText != null ? sentText : followUp.body;
        }
    }

    public record Listing(Section section, Paging<Row> rows) {

        /** The link to this section alone, for paging. */
        public String pageBase() {
            return "/follow-ups?section=" + section.key() + "&";
        }
    }

    /** Everything the page shows: the business's zone, the sections, and the team (to assign call-backs). */
    public record Board(String zone, List<Listing> listings, Section only, List<TeamService.Member> team) {
    }

    /** Every section cut at {@link #SECTION_SIZE}, or with {@code only} one section paged. */
    @Transactional
    public Board board(Section only, int page) {
        Tenant tenant = Tenant.findById(tenantContext.require());
        List<TeamService.Member> members = team.members();
        Map<UUID, String> names = members.stream()
                .collect(Collectors.toMap(TeamService.Member::userId, TeamService.Member::name, (a, b) -> a));
        List<Listing> listings = new ArrayList<>();
        for (Section section : only == null ? List.of(Section.values()) : List.of(only)) {
            int size = only == null ? SECTION_SIZE : Paging.DEFAULT_SIZE;
            int first = only == null ? 0 : Paging.offset(page, size);
            List<FollowUp> rows = section.query().range(first, first + size).list();
            listings.add(new Listing(section, Paging.of(rows(rows, names), only == null ? 1 : page, size)));
        }
        return new Board(tenant.timezone, listings, only, members);
    }

    private static List<Row> rows(List<FollowUp> followUps, Map<UUID, String> names) {
        if (followUps.isEmpty()) {
            return List.of();
        }
        Map<UUID, Contact> contacts = Contact.<Contact>list("id in ?1",
                followUps.stream().map(f -> f.contactId).distinct().toList())
                .stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
        List<String> sids = followUps.stream().map(f -> f.messageSid).filter(java.util.Objects::nonNull).toList();
        Map<String, String> sent = sids.isEmpty() ? Map.of()
                : Interaction.<Interaction>list("messageSid in ?1", sids).stream()
                        .filter(i -> i.body != null)
                        .collect(Collectors.toMap(i -> i.messageSid, i -> i.body, (a, b) -> a));
        return followUps.stream()
                .map(f -> new Row(f, contacts.get(f.contactId), f.assignedTo == null ? null : names.get(f.assignedTo),
                        f.messageSid == null ? null : sent.get(f.messageSid)))
                .toList();
    }
}
