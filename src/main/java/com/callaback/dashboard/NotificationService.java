package com.callaback.dashboard;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.Paging;

/** One person's notifications in the active business: the list, what is unread, and marking them read. */
@ApplicationScoped
public class NotificationService {

    /** Unread for person ?1, at most ?2 of them. */
    static final String UNREAD_COUNT = """
            select count(*) from (
              select 1 from notifications n
               where (n.user_id is null or n.user_id = ?1)
                 and n.created_at > coalesce((select i.all_read_before from notification_inboxes i
                                               where i.user_id = ?1), '-infinity'::timestamptz)
                 and not exists (select 1 from notification_reads r
                                  where r.tenant_id = n.tenant_id and r.user_id = ?1 and r.notification_id = n.id)
               order by n.created_at desc
               limit ?2) unread""";

    @Inject
    EntityManager em;
    @Inject
    TenantContext tenantContext;

    /** A notification as one person sees it. */
    public record Entry(Notification notification, boolean unread) {
    }

    /** A page of the list, with the business's time zone for the exact times. */
    public record Page(Paging<Entry> entries, String timezone, Instant shownAt) {

        /**
         * What "mark all read" may cover: up to the newest notification this page showed on the first page (or the
         * moment it was shown), so one that arrived while the person was looking stays unread.
         */
        public Instant seenUpTo() {
            return entries.page() == 1 && !entries.rows().isEmpty()
                    ? entries.rows().get(0).notification().createdAt : shownAt;
        }
    }

    @Transactional
    public Page page(UUID userId, int page) {
        int size = Paging.DEFAULT_SIZE;
        List<Notification> rows = Notification.listVisibleTo(userId, Paging.offset(page, size), size + 1);
        Instant allReadBefore = NotificationInbox.of(userId).allReadBefore;
        Set<UUID> read = readAmong(userId, rows.stream().map(n -> n.id).toList());
        List<Entry> entries = rows.stream().map(n -> new Entry(n,
                (allReadBefore == null || n.createdAt.isAfter(allReadBefore)) && !read.contains(n.id))).toList();
        Tenant tenant = Tenant.findById(tenantContext.require());
        return new Page(Paging.of(entries, page, size), tenant.timezone, Instant.now());
    }

    /** Marks it read for this person and answers where it leads; another business's or person's is a 404. */
    @Transactional
    public String open(UUID id, UUID userId) {
        Notification notification = markRead(id, userId);
        return notification.target();
    }

    @Transactional
    public Notification markRead(UUID id, UUID userId) {
        Notification notification = Notification.findVisibleTo(id, userId)
                .orElseThrow(() -> new NotFoundException("No such notification"));
        em.createNativeQuery("insert into notification_reads (tenant_id, user_id, notification_id) "
                + "values (current_tenant_id(), ?1, ?2) on conflict do nothing")
                .setParameter(1, userId).setParameter(2, id).executeUpdate();
        return notification;
    }

    /** Everything up to {@code seenUpTo} (never later than now) counts as read for this person. */
    @Transactional
    public void markAllRead(UUID userId, Instant seenUpTo) {
        Instant now = Instant.now();
        NotificationInbox.markAllRead(userId, seenUpTo == null || seenUpTo.isAfter(now) ? now : seenUpTo);
    }

    /**
     * How many are unread for this person, counting at most {@code cap} (the header shows "99+"), so the count
     * reads a bounded slice of the (tenant_id, created_at) index however many there are.
     */
    @Transactional
    public long unreadCount(UUID userId, int cap) {
        Number count = (Number) em.createNativeQuery(UNREAD_COUNT)
                .setParameter(1, userId).setParameter(2, cap).getSingleResult();
        return count.longValue();
    }

    private Set<UUID> readAmong(UUID userId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<UUID> read = em.createNativeQuery("select notification_id from notification_reads "
                + "where user_id = ?1 and notification_id in (?2)")
                .setParameter(1, userId).setParameter(2, ids).getResultList();
        return new HashSet<>(read);
    }
}
